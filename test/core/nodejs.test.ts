// Node.js applications behind nginx, in the layout people use (nginx/ + app/ with package.json,
// src/server.js, a Dockerfile FROM node:20, docker-compose.yml): the race found on both sides with
// when Node.js really closes, the raise written in JavaScript (the file still compiles, the race is
// gone), and the readers' edges.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vm from 'node:vm';
import { abs, analyzeFiles, root } from '../support/memoryWorkspace';
import { assertRaceGone, raise, reusingNginx } from '../support/raceFixes';
import { readCode } from '../../server/src/core/backends/nodejs/code';
import { majorOfImage, majorOfRange, majorOfWords } from '../../server/src/core/backends/nodejs/version';

const nginx = reusingNginx('app:3000');
const packageJson =
  '{\n  "name": "shop",\n  "scripts": { "start": "node src/server.js" },\n  "dependencies": { "express": "^4.19.2" }\n}\n';
const server = `const express = require('express');

const app = express();
app.get('/', (req, res) => res.send('ok'));

const server = app.listen(process.env.PORT || 3000, () => {
  console.log('listening');
});
`;
const layout = (serverJs: string, more: Record<string, string> = {}) => ({
  'nginx/nginx.conf': nginx,
  'app/package.json': packageJson,
  'app/src/server.js': serverJs,
  'app/Dockerfile': 'FROM node:20-alpine\nWORKDIR /app\nCOPY . .\nCMD ["node", "src/server.js"]\n',
  'docker-compose.yml':
    'services:\n  app:\n    build: ./app\n  nginx:\n    image: nginx:1.27\n    volumes:\n      - ./nginx/nginx.conf:/etc/nginx/nginx.conf:ro\n    ports:\n      - "80:80"\n',
  ...more,
});

/** The JavaScript still compiles (vm.Script compiles without running), and its brackets balance. */
function assertCompiles(text: string): void {
  assert.doesNotThrow(() => new vm.Script(`(async () => {\n${text}\n})`), text);
  const depth = [...text.replace(/'[^'\n]*'|"[^"\n]*"|`[^`]*`/g, '')].reduce(
    (d, c) => d + ('([{'.includes(c) ? 1 : ')]}'.includes(c) ? -1 : 0),
    0,
  );
  assert.equal(depth, 0, text);
}

test('Node.js 20 behind nginx: the race on both sides, closing at keepAliveTimeout + 1 s, linked through compose', () => {
  const files = layout(server);
  const { findings, analysis } = analyzeFiles(files);
  assert.equal(analysis.links.length, 1);
  const races = findings.filter((f) => f.code === 'keepalive-race');
  assert.deepEqual(races.map((f) => path.relative(root, f.location.file)).sort(), ['app/src/server.js', 'nginx/nginx.conf']);
  const nodeSide = races.find((f) => f.location.file === abs('app/src/server.js'))!;
  assert.equal(nodeSide.message, 'upstream app keeps idle connections 60s, Node.js closes them after 6s: POSTs may get 502');
  const lines = files['app/src/server.js'].split('\n');
  const range = nodeSide.location.range;
  assert.equal(
    lines[range.start.line].slice(range.start.character, range.start.line === range.end.line ? range.end.character : undefined),
    'app.listen(process.env.PORT || 3000, () => {',
  );
  const related = nodeSide.related.map((r) => r.message).join('\n');
  assert.match(related, /Node\.js default keepAliveTimeout 5000 ms, Node\.js 20 \(FROM node:20-alpine in app\/Dockerfile\)/);
  assert.match(related, /closing at 6000 ms with Node\.js 20's 1000 ms keepAliveTimeoutBuffer/);
  const nginxSide = races.find((f) => f.location.file === abs('nginx/nginx.conf'))!;
  assert.ok(nginxSide.related.some((r) => r.location.file === abs('app/src/server.js')));
  assert.ok(nginxSide.fixes.some((f) => !f.isPreferred && /Lower nginx upstream keepalive_timeout/.test(f.title)));
});

test('the raise adds server.keepAliveTimeout after the statement starting the server; the file compiles, the race is gone', () => {
  const { edited, text, title, after } = raise(layout(server));
  assert.equal(edited, 'app/src/server.js');
  assert.equal(title, "Set server.keepAliveTimeout to 90000 ms (longer than nginx's 60s)");
  assert.ok(text.includes("  console.log('listening');\n});\nserver.keepAliveTimeout = 90000;\n"), text);
  assertCompiles(text);
  assertRaceGone(after);
});

test('a bare app.listen(...) statement is named first, then given the timeout', () => {
  const { text, after } = raise(layout("const express = require('express');\nconst app = express();\napp.listen(3000)\n"));
  assert.equal(
    text,
    "const express = require('express');\nconst app = express();\nconst server = app.listen(3000)\nserver.keepAliveTimeout = 90000\n",
  );
  assertCompiles(text);
  assertRaceGone(after);
});

test('a literal set in code is rewritten where it is, in a TypeScript file too', () => {
  const files: Record<string, string> = layout('', {
    'app/src/server.ts':
      "import http from 'node:http';\nimport { app } from './app';\n\nconst server: http.Server = http.createServer(app);\nserver.keepAliveTimeout = 30_000;\nserver.listen(3000);\n",
  });
  delete files['app/src/server.js'];
  const { edited, text, after } = raise(files);
  assert.equal(edited, 'app/src/server.ts');
  assert.ok(text.includes('server.keepAliveTimeout = 90000;\n'), text);
  assertRaceGone(after);
});

test("Fastify's option is added to the call creating it", () => {
  const files = layout("const fastify = require('fastify')({ logger: true });\nfastify.listen({ port: 3000, host: '0.0.0.0' });\n", {
    'app/package.json': packageJson.replace('"express": "^4.19.2"', '"fastify": "^5.0.0"'),
  });
  // Fastify's 72 s outlasts nginx's 60 s: no race until nginx keeps connections longer.
  assertRaceGone(files);
  const longer = { ...files, 'nginx/nginx.conf': nginx.replace('keepalive 16;', 'keepalive 16;\n        keepalive_timeout 75s;') };
  const { text, after } = raise(longer);
  assert.equal(
    text,
    "const fastify = require('fastify')({ keepAliveTimeout: 113000, logger: true });\nfastify.listen({ port: 3000, host: '0.0.0.0' });\n",
  );
  assertCompiles(text);
  assertRaceGone(after);
});

test('next start without --keepAliveTimeout: the raise adds it to scripts.start, and the JSON still parses', () => {
  const files: Record<string, string> = {
    'nginx/nginx.conf': nginx,
    'app/package.json': '{\n  "name": "web",\n  "scripts": { "start": "next start" },\n  "dependencies": { "next": "15.0.0" }\n}\n',
    'docker-compose.yml': 'services:\n  app:\n    build: ./app\n    environment:\n      PORT: "3000"\n',
  };
  const { edited, text, after } = raise(files);
  assert.equal(edited, 'app/package.json');
  assert.ok(text.includes('"start": "next start --keepAliveTimeout 90000"'), text);
  assert.doesNotThrow(() => JSON.parse(text));
  assertRaceGone(after);
});

test('linked by port without any deployment file', () => {
  const files: Record<string, string> = layout(server);
  delete files['docker-compose.yml'];
  const { analysis } = analyzeFiles({ ...files, 'nginx/nginx.conf': nginx.replace('server app:3000;', 'server 127.0.0.1:3000;') });
  assert.equal(analysis.links.length, 1);
  assert.equal(analysis.links[0].endpoint.kind, 'nodejs');
});

test('linked by an explicit links entry naming the application folder, where nothing else links', () => {
  const files: Record<string, string> = layout(server);
  delete files['docker-compose.yml'];
  const proxied = { ...files, 'nginx/nginx.conf': nginx.replace('server app:3000;', 'server api.internal:80;') };
  assert.equal(analyzeFiles(proxied).analysis.links.length, 0);
  const { analysis, findings } = analyzeFiles(proxied, { links: [{ upstream: 'app', backend: 'app' }] });
  assert.deepEqual(
    analysis.links.map((l) => l.endpoint.label),
    ['app/src/server.js, Node.js Express server on port 3000'],
  );
  assert.ok(findings.some((f) => f.code === 'keepalive-race' && f.location.file === abs('app/src/server.js')));
});

test('versions from image tags, version files and engines ranges', () => {
  assert.equal(majorOfImage('node:20-alpine'), 20);
  assert.equal(majorOfImage('docker.io/library/node:22.11.0-bookworm-slim'), 22);
  assert.equal(majorOfImage('node:iron'), 20);
  assert.equal(majorOfImage('node:lts-alpine'), 24);
  assert.equal(majorOfImage('node'), 26);
  assert.equal(majorOfImage('nginx:1.27'), undefined);
  assert.equal(majorOfImage('registry.example.com:5000/node'), undefined);
  assert.equal(majorOfWords('v20.11.1'), 20);
  assert.equal(majorOfWords('lts/jod'), 22);
  assert.equal(majorOfWords('lts/*'), 24);
  assert.equal(majorOfWords('something'), undefined);
  assert.equal(majorOfRange('^20.11.0'), 20);
  assert.equal(majorOfRange('>=20 <21'), 20);
  assert.equal(majorOfRange('>=18'), undefined);
  assert.equal(majorOfRange('18 || 20'), undefined);
});

test('the code reader: chained listen, aliases, several servers, and hostile text in linear time', () => {
  const chained = readCode(
    'a.js',
    "const http = require('http');\nhttp.createServer(handler).listen(8080);\nhttps.createServer(opts, handler).listen(8443);\n",
  );
  assert.deepEqual(
    chained.servers.map((s) => s.port?.value),
    [8080, 8443],
  );
  const two = readCode(
    'b.js',
    "const express = require('express');\nconst app = express();\nconst a = app.listen(3000);\nconst b = app.listen(3001);\nb.keepAliveTimeout = 70000;\n",
  );
  assert.deepEqual(
    two.servers.map((s) => [s.port?.value, s.keepAlive?.value]),
    [
      [3000, undefined],
      [3001, 70000],
    ],
  );
  const started = Date.now();
  readCode('c.js', `server.keepAliveTimeout = ${'('.repeat(100_000)}\n${'app.listen(`'.repeat(20_000)}\n/*${' '.repeat(100_000)}`);
  readCode('dots.js', `x.listen(1)\nserver.keepAliveTimeout = 1\n${'a.'.repeat(200_000)}\n${'b'.repeat(200_000)}.listen(`);
  readCode('d.js', `const app = express();\n${'app.listen(('.repeat(20_000)}${'\n'.repeat(100_000)}`);
  readCode('e.js', `${'http.createServer(\n'.repeat(20_000)}require('http')\n${'x.keepAliveTimeout = a\n'.repeat(20_000)}`);
  assert.ok(Date.now() - started < 2000, `${Date.now() - started} ms`);
});
