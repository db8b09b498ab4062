// Go HTTP servers behind nginx under compose: the race found on both sides, the raise written in Go
// (the literal stays balanced, the race is gone), and a module whose sources start no server.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { abs, analyzeFiles, applyEdits, root } from '../support/memoryWorkspace';
import { matching } from '../../server/src/core/backends/go/source';

const nginx = `events {}
http {
    upstream api {
        server api:8080;
        keepalive 16;
    }
    server {
        listen 80;
        location / {
            proxy_pass http://api;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
        }
    }
}
`;
const compose = `services:
  nginx:
    image: nginx:1.27
    volumes:
      - ./nginx/nginx.conf:/etc/nginx/nginx.conf:ro
    ports:
      - "80:80"
  api:
    build: ./api
    environment:
      PORT: "8080"
`;
const goMod = 'module example.com/api\n\ngo 1.22\n\nrequire github.com/go-chi/chi/v5 v5.0.12\n';
const mainGo = (server: string) => `package main

import (
\t"log"
\t"net/http"
\t"os"
\t"time"
)

func main() {
\tmux := http.NewServeMux()
\tsrv := ${server}
\tlog.Fatal(srv.ListenAndServe())
}
`;
const multiline = `&http.Server{
\t\tAddr:        ":" + os.Getenv("PORT"),
\t\tHandler:     mux,
\t\tReadTimeout: 5 * time.Second,
\t}`;

function layout(server: string): Record<string, string> {
  return { 'docker-compose.yml': compose, 'nginx/nginx.conf': nginx, 'api/go.mod': goMod, 'api/cmd/server/main.go': mainGo(server) };
}

function raceFindings(files: Record<string, string>) {
  return analyzeFiles(files).findings.filter((f) => f.code === 'keepalive-race');
}

/** The preferred fix on the Go side applied; the text after it. */
function raise(files: Record<string, string>): { text: string; after: Record<string, string> } {
  const race = raceFindings(files).find((f) => f.location.file.endsWith('.go'));
  assert.ok(race, 'a race on the Go side');
  const fix = race.fixes.find((f) => f.isPreferred)!;
  const edited = path.relative(root, fix.edits[0].file);
  assert.equal(edited, 'api/cmd/server/main.go');
  const text = applyEdits(files[edited], fix.edits);
  return { text, after: { ...files, [edited]: text } };
}

/** Every bracket of the text closes (what gofmt would refuse first). */
function assertBalanced(text: string): void {
  for (let i = 0; i < text.length; i++) if ('({['.includes(text[i])) assert.ok(matching(text, i) < text.length, `bracket at ${i} closes`);
  const count = (c: string) => text.split(c).length - 1;
  assert.deepEqual([count('{'), count('('), count('[')], [count('}'), count(')'), count(']')]);
}

test('ReadTimeout 5s with IdleTimeout unset races nginx 60s on both sides, linked through compose with PORT', () => {
  const files = layout(multiline);
  const { analysis, findings } = analyzeFiles(files);
  assert.equal(analysis.links.length, 1, JSON.stringify(findings.map((f) => f.message)));
  const races = findings.filter((f) => f.code === 'keepalive-race');
  assert.deepEqual(races.map((f) => path.relative(root, f.location.file)).sort(), ['api/cmd/server/main.go', 'nginx/nginx.conf']);
  const goSide = races.find((f) => f.location.file.endsWith('.go'))!;
  assert.match(goSide.message, /keeps idle connections 60s, Go closes them after 5s/);
  assert.ok(goSide.related.some((r) => r.location.file === abs('nginx/nginx.conf')));
  assert.ok(
    goSide.related.some((r) => /ReadTimeout, IdleTimeout unset/.test(r.message)),
    JSON.stringify(goSide.related),
  );
  const nginxSide = races.find((f) => f.location.file.endsWith('nginx.conf'))!;
  assert.ok(nginxSide.related.some((r) => r.location.file === abs('api/cmd/server/main.go')));
  assert.ok(nginxSide.fixes.length > 0, 'the lowering fix stays on nginx');
});

test('the raise adds IdleTimeout to a multi-line literal, indented as its fields; balanced, race gone', () => {
  const { text, after } = raise(layout(multiline));
  assert.ok(text.includes('srv := &http.Server{\n\t\tIdleTimeout: 90 * time.Second,\n\t\tAddr:'), text);
  assertBalanced(text);
  assert.deepEqual(raceFindings(after), []);
});

test('the raise adds IdleTimeout to a one-line literal', () => {
  const { text, after } = raise(layout('&http.Server{Addr: ":8080", Handler: mux, ReadTimeout: 5 * time.Second}'));
  assert.ok(text.includes('&http.Server{IdleTimeout: 90 * time.Second, Addr: ":8080"'), text);
  assertBalanced(text);
  assert.deepEqual(raceFindings(after), []);
});

test('the raise rewrites a written IdleTimeout in place', () => {
  const { text, after } = raise(layout('&http.Server{Addr: ":8080", Handler: mux, IdleTimeout: 30 * time.Second}'));
  assert.ok(text.includes('IdleTimeout: 90 * time.Second}'), text);
  assert.deepEqual(raceFindings(after), []);
});

test('the raise rewrites the constant the value comes from', () => {
  const files = layout('&http.Server{Addr: ":8080", Handler: mux, IdleTimeout: idleTimeout}');
  files['api/cmd/server/main.go'] = files['api/cmd/server/main.go'].replace(
    'func main',
    'const idleTimeout = 10 * time.Second\n\nfunc main',
  );
  const { text, after } = raise(files);
  assert.ok(text.includes('const idleTimeout = 90 * time.Second'), text);
  assert.deepEqual(raceFindings(after), []);
});

test('a file not importing time gets nanoseconds, which Go reads as a Duration', () => {
  const files = layout('&http.Server{Addr: ":8080", Handler: mux, ReadTimeout: 5_000_000_000}');
  files['api/cmd/server/main.go'] = files['api/cmd/server/main.go'].replace('\t"time"\n', '');
  const { text, after } = raise(files);
  assert.ok(text.includes('&http.Server{IdleTimeout: 90000000000, Addr'), text);
  assert.deepEqual(raceFindings(after), []);
});

test('http.ListenAndServe, gin Run and a zero Server keep no idle deadline: no race', () => {
  assert.deepEqual(raceFindings(layout('&http.Server{Addr: ":8080", Handler: mux}')), []);
  const files = layout('&http.Server{}');
  files['api/cmd/server/main.go'] = mainGo('&http.Server{}')
    .replace('log.Fatal(srv.ListenAndServe())', 'log.Fatal(http.ListenAndServe(":8080", mux))')
    .replace('srv := &http.Server{}\n', '');
  const { analysis, findings } = analyzeFiles(files);
  assert.equal(analysis.links.length, 1);
  assert.deepEqual(
    findings.filter((f) => f.code === 'keepalive-race'),
    [],
  );
});

test('a module whose sources start no server is not counted as serving', () => {
  const { analysis } = analyzeFiles({
    'lib/go.mod': 'module example.com/lib\n\ngo 1.22\n',
    'lib/client.go': 'package lib\n\nimport "net/http"\n\nvar c = &http.Client{}\n\nconst ReadTimeout = 3\n',
  });
  assert.deepEqual(
    analysis.backends.filter((b) => b.kind === 'go').map((b) => b.files.length),
    [0],
  );
});

test('hostile sources are read in linear time: long receiver chains, a deep bracket run, a long sum', () => {
  const chain = 'a.'.repeat(100_000);
  const files = {
    'api/go.mod': goMod,
    'api/main.go': `package main\n\nimport (\n\t"net/http"\n\t"time"\n)\n\nconst idle = ${'1*'.repeat(20_000)}time.Second\n\nfunc main() {\n\t${chain}IdleTimeout = 1\n\t${chain}SetKeepAlivesEnabled(false)\n\tsrv := &http.Server{Addr: ":" + ${'p+'.repeat(20_000)}"1", IdleTimeout: idle + ${'(1+'.repeat(20_000)}}\n}\n`,
  };
  const started = Date.now();
  const { analysis } = analyzeFiles(files);
  assert.ok(Date.now() - started < 10_000, `${Date.now() - started} ms`);
  assert.equal(analysis.endpoints.filter((e) => e.kind === 'go').length, 1);
});
