// uWSGI behind nginx under compose: the http router with http-keepalive races nginx on both
// sides, the raise written as an ini line (the race gone), the command line's value lowered on
// nginx instead, http-socket and uwsgi_pass keeping nothing alive.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { analyzeFiles, applyEdits, root } from '../support/memoryWorkspace';

const nginx = (pass: string) => `upstream app {
    server app:8080;
    keepalive 16;
}

server {
    listen 80;
    location / {
        ${pass};
        proxy_http_version 1.1;
        proxy_set_header Connection "";
    }
}
`;
const compose = (command: string) => `services:
  nginx:
    image: nginx:1.27
    volumes:
      - ./nginx/conf.d:/etc/nginx/conf.d:ro
  app:
    build: ./app
    command: ${command}
`;

function layout(ini: string, command = 'uwsgi --ini uwsgi.ini', pass = 'proxy_pass http://app'): Record<string, string> {
  return {
    'docker-compose.yml': compose(command),
    'nginx/conf.d/default.conf': nginx(pass),
    'app/Dockerfile': 'FROM python:3.12-slim\nRUN pip install uwsgi\nCOPY . /app\nWORKDIR /app\n',
    'app/uwsgi.ini': ini,
  };
}

const races = (files: Record<string, string>) => analyzeFiles(files).findings.filter((f) => f.code === 'keepalive-race');

test('http-keepalive = 15 on the http router races nginx 60s; the raise rewrites it and the race is gone', () => {
  const files = layout('[uwsgi]\nmodule = app.wsgi:application\nhttp = :8080\nhttp-keepalive = 15\nmaster = true\n');
  const { analysis } = analyzeFiles(files);
  assert.equal(analysis.links.length, 1);
  const found = races(files);
  assert.deepEqual(found.map((f) => path.relative(root, f.location.file)).sort(), ['app/uwsgi.ini', 'nginx/conf.d/default.conf']);
  const side = found.find((f) => f.location.file.endsWith('uwsgi.ini'))!;
  assert.match(side.message, /uWSGI closes them after 15s/);
  const fix = side.fixes.find((f) => f.isPreferred)!;
  const text = applyEdits(files['app/uwsgi.ini'], fix.edits);
  assert.equal(text, '[uwsgi]\nmodule = app.wsgi:application\nhttp = :8080\nhttp-keepalive = 90\nmaster = true\n');
  assert.deepEqual(races({ ...files, 'app/uwsgi.ini': text }), []);
});

test('a bare http-keepalive with the default http-timeout: 60s ties nginx; the raise adds http-keepalive seconds', () => {
  const files = layout('[uwsgi]\nhttp = :8080\nhttp-keepalive = true\n');
  const side = races(files).find((f) => f.location.file.endsWith('uwsgi.ini'))!;
  assert.match(side.message, /uWSGI closes them after 60s/);
  const text = applyEdits(files['app/uwsgi.ini'], side.fixes.find((f) => f.isPreferred)!.edits);
  assert.equal(text, '[uwsgi]\nhttp = :8080\nhttp-keepalive = 90\n');
});

test("the command line's http-keepalive decides over the ini: no edit of the file, the lowering fix stays on nginx", () => {
  const files = layout('[uwsgi]\nmodule = app:app\n', 'uwsgi --ini uwsgi.ini --http :8080 --http-keepalive=10');
  const found = races(files);
  assert.equal(found.length, 2, JSON.stringify(found.map((f) => f.message)));
  const nginxSide = found.find((f) => f.location.file.endsWith('default.conf'))!;
  assert.ok(nginxSide.fixes.some((f) => /keepalive_timeout/.test(f.title)));
  const side = found.find((f) => f.location.file.endsWith('uwsgi.ini'))!;
  assert.ok(!side.fixes.some((f) => f.edits.some((e) => e.file.endsWith('uwsgi.ini'))));
});

test('http-socket, the router without http-keepalive, and uwsgi_pass to a uwsgi socket keep nothing alive', () => {
  assert.deepEqual(races(layout('[uwsgi]\nhttp-socket = :8080\n')), []);
  assert.deepEqual(races(layout('[uwsgi]\nhttp = :8080\n')), []);
  assert.deepEqual(races(layout('[uwsgi]\nsocket = :8080\n', 'uwsgi --ini uwsgi.ini', 'uwsgi_pass app')), []);
});

test("Sentry's SENTRY_WEB_OPTIONS: the raise rewrites http-keepalive in the dict (15, or True with Sentry's http-timeout 30)", () => {
  const conf = (keepalive: string) =>
    `SENTRY_WEB_HOST = "0.0.0.0"\nSENTRY_WEB_PORT = 8080\nSENTRY_WEB_OPTIONS = {\n    "http": "%s:%s" % (SENTRY_WEB_HOST, SENTRY_WEB_PORT),\n    "http-keepalive": ${keepalive},\n    "workers": 3,\n}\n`;
  for (const [written, closes] of [
    ['15', '15s'],
    ['True', '30s'],
  ]) {
    const files: Record<string, string> = { ...layout(''), 'app/sentry.conf.py': conf(written) };
    delete files['app/uwsgi.ini'];
    const side = races(files).find((f) => f.location.file.endsWith('sentry.conf.py'))!;
    assert.match(side.message, new RegExp(`uWSGI closes them after ${closes}`));
    const text = applyEdits(files['app/sentry.conf.py'], side.fixes.find((f) => f.isPreferred)!.edits);
    assert.equal(text, conf('90'));
    assert.deepEqual(races({ ...files, 'app/sentry.conf.py': text }), []);
  }
});

test('a file of 20,000 sockets is read in linear time', () => {
  const started = Date.now();
  const { analysis } = analyzeFiles({ 'app/uwsgi.ini': `[uwsgi]\n${'http = :8080\n'.repeat(20_000)}http-keepalive = 15\n` });
  assert.ok(Date.now() - started < 10_000, `${Date.now() - started} ms`);
  assert.equal(analysis.endpoints.length, 20_000);
});
