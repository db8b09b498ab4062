// gunicorn, uvicorn and Hypercorn behind nginx: a Django and a FastAPI layout as people write
// them (nginx/, the app with requirements.txt, a Dockerfile, docker-compose.yml starting the
// server), the race found on both sides, and each raise written where the value wins in that
// file's syntax (the edited file still parses, the race is gone); the sync worker never races.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { abs, analyzeFiles, applyEdits, root } from '../support/memoryWorkspace';
import { raise, reusingNginx } from '../support/raceFixes';
import { assignments, callAt } from '../../server/src/core/backends/python/pyText';
import { workerOf } from '../../server/src/core/backends/python/gunicorn';
import { parseBind } from '../../server/src/core/backends/python/reading';

const nginx = reusingNginx;
const django = (command: string, conf?: string): Record<string, string> => ({
  'nginx/nginx.conf': nginx('web:8000'),
  'web/requirements.txt': 'Django==5.0.4\npsycopg[binary]==3.1.18\ngunicorn==22.0.0\n',
  'web/Dockerfile': 'FROM python:3.12-slim\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\nCOPY . .\n',
  'web/mysite/settings.py': 'DEBUG = False\nALLOWED_HOSTS = ["*"]\n',
  'web/manage.py': '#!/usr/bin/env python\nimport os\nimport sys\n',
  ...(conf === undefined ? {} : { 'web/gunicorn.conf.py': conf }),
  'docker-compose.yml': `services:\n  proxy:\n    image: nginx:1.27\n    volumes:\n      - ./nginx/nginx.conf:/etc/nginx/nginx.conf:ro\n    ports:\n      - "80:80"\n  web:\n    build: ./web\n    command: ${command}\n`,
});

function races(files: Record<string, string>): string[] {
  return analyzeFiles(files)
    .findings.filter((f) => f.code === 'keepalive-race')
    .map((f) => f.message);
}

function assertYamlParses(text: string): void {
  for (const document of parseAllDocuments(text)) assert.deepEqual(document.errors, []);
}

/** Brackets and quotes balance: what an edit of Python must keep. */
function assertPythonBalanced(text: string): void {
  const stack: string[] = [];
  for (const m of text.matchAll(/"[^"\n]*"|'[^'\n]*'|#[^\n]*|[()[\]{}]/g)) {
    const c = m[0];
    if ('([{'.includes(c)) stack.push(c);
    else if (')]}'.includes(c)) assert.equal(stack.pop(), { ')': '(', ']': '[', '}': '{' }[c], `balanced at ${m.index}`);
  }
  assert.deepEqual(stack, []);
}

test('Django with gunicorn gthread from compose: the race on both sides, each pointing at the other', () => {
  const files = django('gunicorn mysite.wsgi:application --bind 0.0.0.0:8000 --workers 3 --threads 4');
  const { findings, analysis } = analyzeFiles(files);
  assert.equal(analysis.links.length, 1);
  assert.equal(analysis.links[0].via, 'service');
  const found = findings.filter((f) => f.code === 'keepalive-race');
  assert.deepEqual(found.map((f) => path.relative(root, f.location.file)).sort(), ['docker-compose.yml', 'nginx/nginx.conf']);
  const server = found.find((f) => f.location.file === abs('docker-compose.yml'))!;
  assert.match(server.message, /^upstream app keeps idle connections 60s, gunicorn closes them after 2s: POSTs may get 502/);
  const line = files['docker-compose.yml'].split('\n')[server.location.range.start.line];
  assert.equal(
    line.slice(server.location.range.start.character, server.location.range.end.character),
    'gunicorn',
    'the program is underlined',
  );
  assert.ok(server.related.some((r) => r.location.file === abs('nginx/nginx.conf')));
  assert.ok(
    server.related.some((r) => /gunicorn 22\.0\.0 pinned/.test(r.message)),
    JSON.stringify(server.related.map((r) => r.message)),
  );
});

test('the sync worker (workers only) answers Connection: close: no race at all', () => {
  assert.deepEqual(races(django('gunicorn mysite.wsgi:application --bind 0.0.0.0:8000 --workers 3')), []);
  const { analysis } = analyzeFiles(django('gunicorn mysite.wsgi:application --bind 0.0.0.0:8000 --workers 3'));
  const endpoint = analysis.endpoints.find((e) => e.kind === 'python')!;
  assert.equal(endpoint.keepsAlive, false);
  assert.match(endpoint.noKeepAliveReason!, /sync worker answers every request with Connection: close/);
});

test('the raise adds --keep-alive after gunicorn on the compose command; the YAML parses and the race is gone', () => {
  const files = django('gunicorn mysite.wsgi:application --bind 0.0.0.0:8000 -k gthread');
  const { edited, text, after, title } = raise(files);
  assert.equal(edited, 'docker-compose.yml');
  assert.match(text, /command: gunicorn --keep-alive 90 mysite\.wsgi:application/);
  assert.equal(title, "Set gunicorn --keep-alive to 90s (longer than nginx's 60s)");
  assertYamlParses(text);
  assert.deepEqual(races(after), []);
});

test('the raise rewrites a written --keep-alive in place, in a compose exec-form list', () => {
  const files = django('["gunicorn", "mysite.wsgi", "-b", "0.0.0.0:8000", "-k", "gevent", "--keep-alive", "5"]');
  const { text, after } = raise(files);
  assert.match(text, /"--keep-alive", "90"\]/);
  assertYamlParses(text);
  assert.deepEqual(races(after), []);
});

test('the raise adds items to a YAML block list at the same column', () => {
  const files = django('gunicorn');
  files['docker-compose.yml'] = files['docker-compose.yml'].replace(
    '    command: gunicorn\n',
    '    command:\n      - gunicorn\n      - mysite.wsgi\n      - --worker-class=gthread\n      - --bind=0.0.0.0:8000\n',
  );
  const { text, after } = raise(files);
  assert.match(text, /\n {6}- gunicorn\n {6}- --keep-alive\n {6}- "90"\n {6}- mysite\.wsgi\n/);
  assertYamlParses(text);
  assert.deepEqual(races(after), []);
});

test('gunicorn.conf.py read without -c: the raise rewrites its keepalive; Python stays balanced', () => {
  const conf =
    'import os\n\nbind = "0.0.0.0:8000"\nworker_class = "gthread"\nthreads = 4\nkeepalive = int(os.environ.get("GUNICORN_KEEPALIVE", 5))  # seconds\n';
  const files = django('gunicorn mysite.wsgi', conf);
  const { edited, text, after } = raise(files);
  assert.equal(edited, 'web/gunicorn.conf.py');
  assert.equal(text, conf.replace('"GUNICORN_KEEPALIVE", 5)', '"GUNICORN_KEEPALIVE", 90)'));
  assertPythonBalanced(text);
  assert.deepEqual(races(after), []);
});

test('gunicorn.conf.py without keepalive: the raise appends `keepalive = 90` to it', () => {
  const conf = 'bind = "0.0.0.0:8000"\nworker_class = "gevent"';
  const { edited, text, after } = raise(django('gunicorn mysite.wsgi', conf));
  assert.equal(edited, 'web/gunicorn.conf.py');
  assert.equal(text, `${conf}\nkeepalive = 90\n`);
  assert.deepEqual(races(after), []);
});

test('GUNICORN_CMD_ARGS decides: the raise rewrites the number inside it', () => {
  const files = django('gunicorn mysite.wsgi');
  files['docker-compose.yml'] += '    environment:\n      GUNICORN_CMD_ARGS: "--bind=0.0.0.0:8000 --worker-class=gthread --keep-alive=3"\n';
  const { edited, text, after } = raise(files);
  assert.equal(edited, 'docker-compose.yml');
  assert.match(text, /GUNICORN_CMD_ARGS: "--bind=0\.0\.0\.0:8000 --worker-class=gthread --keep-alive=90"/);
  assertYamlParses(text);
  assert.deepEqual(races(after), []);
});

const fastapi = (files: Record<string, string>): Record<string, string> => ({
  'nginx/default.conf': nginx('api:8000').replace(/^events \{\}\nhttp \{\n|\}\n$/g, ''),
  'api/requirements.txt': 'fastapi==0.111.0\nuvicorn[standard]==0.30.1\n',
  'api/Dockerfile':
    'FROM python:3.12-slim\nWORKDIR /code\nCOPY . .\nCMD ["uvicorn", "app.main:app", "--host", "0.0.0.0", "--port", "8000"]\n',
  'api/app/__init__.py': '',
  'api/app/main.py': 'from fastapi import FastAPI\n\napp = FastAPI()\n',
  'docker-compose.yml':
    'services:\n  nginx:\n    image: nginx:1.27-alpine\n    volumes:\n      - ./nginx/default.conf:/etc/nginx/conf.d/default.conf:ro\n  api:\n    build: ./api\n',
  ...files,
});

test('FastAPI with uvicorn from the Dockerfile CMD: 5 s races; the raise adds --timeout-keep-alive in the exec form', () => {
  const files = fastapi({});
  const found = races(files);
  assert.ok(
    found.some((m) => /uvicorn closes them after 5s/.test(m)),
    JSON.stringify(found),
  );
  const { edited, text, after } = raise(files);
  assert.equal(edited, 'api/Dockerfile');
  assert.match(text, /CMD \["uvicorn", "--timeout-keep-alive", "90", "app\.main:app",/);
  assert.doesNotThrow(() => JSON.parse(/CMD (.*)/.exec(text)![1]));
  assert.deepEqual(races(after), []);
});

test('uvicorn.run() in code: the raise adds timeout_keep_alive= to the call; Python stays balanced', () => {
  const main =
    'import uvicorn\nfrom fastapi import FastAPI\n\napp = FastAPI()\n\nif __name__ == "__main__":\n    uvicorn.run("app.main:app", host="0.0.0.0", port=8000)\n';
  const files = fastapi({ 'api/app/main.py': main });
  files['api/Dockerfile'] = files['api/Dockerfile'].replace(/CMD .*/, 'CMD ["python", "-m", "app.main"]');
  const { edited, text, after } = raise(files);
  assert.equal(edited, 'api/app/main.py');
  assert.equal(text, main.replace('port=8000)', 'port=8000, timeout_keep_alive=90)'));
  assertPythonBalanced(text);
  assert.deepEqual(races(after), []);
});

test('UVICORN_TIMEOUT_KEEP_ALIVE decides: the raise rewrites the compose value', () => {
  const files = fastapi({});
  files['docker-compose.yml'] += '    environment:\n      - UVICORN_TIMEOUT_KEEP_ALIVE=5\n';
  const { edited, text, after } = raise(files);
  assert.equal(edited, 'docker-compose.yml');
  assert.match(text, /- UVICORN_TIMEOUT_KEEP_ALIVE=90\n/);
  assertYamlParses(text);
  assert.deepEqual(races(after), []);
});

test("a Procfile's web process: the raise adds the flag on its line", () => {
  const files = {
    'nginx/nginx.conf': nginx('127.0.0.1:8000'),
    'app/requirements.txt': 'gunicorn\ngevent\n',
    'app/Procfile': 'web: gunicorn app:app -k gevent',
  };
  const { findings } = analyzeFiles(files);
  const race = findings.find((f) => f.code === 'keepalive-race' && !f.location.file.endsWith('nginx.conf'))!;
  assert.ok(race, JSON.stringify(findings.map((f) => f.message)));
  const fix = race.fixes.find((f) => f.isPreferred)!;
  assert.equal(path.relative(root, fix.edits[0].file), 'app/Procfile');
  assert.equal(applyEdits(files['app/Procfile'], fix.edits), 'web: gunicorn --keep-alive 90 app:app -k gevent');
});

test('readers: assignments span logical lines; calls find their keywords; binds and worker names read as gunicorn does', () => {
  const text = 'bind = [\n    "0.0.0.0:8000",  # public\n    "unix:/tmp/g.sock",\n]\nkeepalive: int = 5\nx == 3\n';
  assert.deepEqual(
    assignments(text).map((a) => [a.name, text.slice(a.expression.start, a.expression.end)]),
    [
      ['bind', '[\n    "0.0.0.0:8000",  # public\n    "unix:/tmp/g.sock",\n]'],
      ['keepalive', '5'],
    ],
  );
  const code = 'run(app, port=int(os.getenv("PORT", "8000")), log_level="info",)';
  const call = callAt(code, 0, 3)!;
  assert.deepEqual([...call.keywords.keys()], ['port', 'log_level']);
  assert.equal(code.slice(call.keywords.get('port')!.start, call.keywords.get('port')!.end), 'int(os.getenv("PORT", "8000"))');
  assert.deepEqual(parseBind('[::1]:8001'), { host: '::1', port: 8001 });
  assert.deepEqual(parseBind('0.0.0.0'), { host: '0.0.0.0', port: 8000 });
  assert.deepEqual(parseBind('unix:/run/a.sock'), { socket: '/run/a.sock' });
  assert.deepEqual(
    ['sync', 'gunicorn.workers.ggevent.GeventWorker', 'uvicorn_worker.UvicornWorker', 'aiohttp.GunicornWebWorker', 'my.Worker'].map(
      workerOf,
    ),
    ['sync', 'gevent', 'uvicorn', 'aiohttp', 'other'],
  );
});

test('hostile texts that would be quadratic to a naive reader finish at once', () => {
  const started = Date.now();
  const { analysis, internalErrors } = analyzeFiles({
    'app/requirements.txt': 'gunicorn\n',
    'app/gunicorn.conf.py': 'a = (\n'.repeat(40_000) + 'keepalive = os.getenv("KA",' + ' '.repeat(100_000) + 'x\n',
    'app/main.py': 'import uvicorn\n' + 'uvicorn.run(\n'.repeat(40_000),
    'app/Procfile': 'web: gunicorn ' + 'a\\ b '.repeat(40_000) + '-k gevent',
  });
  assert.deepEqual(internalErrors, []);
  assert.ok(Date.now() - started < 3000, `took ${Date.now() - started} ms`);
  assert.equal(analysis.endpoints.filter((e) => e.kind === 'python').length, 1);
});

test('hostile Python and commands: no crash, no hang, nothing read wrongly', () => {
  const long = 'keepalive = (' + '('.repeat(50_000) + '\n' + '"'.repeat(10_000);
  const started = Date.now();
  const { analysis, internalErrors } = analyzeFiles({
    'app/requirements.txt': 'gunicorn\n',
    'app/gunicorn.conf.py': long,
    'app/run.py': 'import uvicorn\nuvicorn.run(' + 'x, '.repeat(20_000),
    'app/Procfile': 'web: gunicorn ' + '--keep-alive '.repeat(5000),
  });
  assert.deepEqual(internalErrors, []);
  assert.ok(Date.now() - started < 3000, 'fast');
  const endpoint = analysis.endpoints.find((e) => e.kind === 'python')!;
  assert.equal(endpoint.idle.ms, undefined);
});

test('values gunicorn refuses: a fractional keepalive is an error, the eventlet worker on gunicorn 26 a warning', () => {
  const { findings } = analyzeFiles({
    'a/requirements.txt': 'gunicorn\n',
    'a/gunicorn.conf.py': 'worker_class = "gthread"\nkeepalive = 2.5\n',
    'b/requirements.txt': 'gunicorn==26.1.0\n',
    'b/gunicorn.conf.py': 'worker_class = "eventlet"\n',
  });
  const problems = findings
    .filter((f) => f.code === 'invalid-value')
    .map((f) => [path.relative(root, f.location.file), f.severity, f.message, f.location.range.start.line]);
  assert.deepEqual(problems, [
    ['a/gunicorn.conf.py', 'error', 'gunicorn keepalive: "2.5" is not a whole number of seconds: gunicorn refuses to start', 1],
    ['b/gunicorn.conf.py', 'warning', 'gunicorn 26.1.0 has no eventlet worker (removed in 26.0.0): it does not start', 0],
  ]);
});

test('links: by port without deployment files, and by the links setting where the port says nothing', () => {
  const app = { 'app/requirements.txt': 'uvicorn\n', 'app/Procfile': 'web: uvicorn main:app --port 8000' };
  const byPort = analyzeFiles({ 'nginx/nginx.conf': nginx('127.0.0.1:8000'), ...app });
  assert.deepEqual(
    byPort.analysis.links.map((l) => [l.via, l.endpoint.label]),
    [['port', 'app/requirements.txt, uvicorn on port 8000']],
  );
  const remote = { 'nginx/nginx.conf': nginx('10.0.0.5:9999'), ...app };
  assert.deepEqual(analyzeFiles(remote).analysis.links, []);
  const linked = analyzeFiles(remote, { links: [{ upstream: 'app', backend: 'app' }] });
  assert.deepEqual(
    linked.analysis.links.map((l) => [l.via, l.endpoint.label]),
    [['setting', 'app/requirements.txt, uvicorn on port 8000']],
  );
  assert.ok(linked.findings.some((f) => f.code === 'keepalive-race' && f.location.file === abs('app/Procfile')));
});
