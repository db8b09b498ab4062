// A Go API behind nginx, over stdio: diagnostics on the ReadTimeout and on nginx, hover on the Go
// side, the quick fix adding IdleTimeout to the literal, and the source edited on disk re-read.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { uri } from '../support/lspClient';
import { lspWorkspace } from '../support/lspWorkspace';

const main = 'api/cmd/api/main.go';
const mainText = (server: string) =>
  `package main\n\nimport (\n\t"net/http"\n\t"time"\n)\n\nfunc main() {\n\tsrv := &http.Server{\n\t\tAddr:        ":8081",\n${server}\t}\n\tsrv.ListenAndServe()\n}\n`;
const files: Record<string, string> = {
  'nginx/nginx.conf':
    'events {}\nhttp {\n    upstream api {\n        server api:8081;\n        keepalive 8;\n    }\n    server {\n        location / {\n            proxy_pass http://api;\n            proxy_http_version 1.1;\n            proxy_set_header Connection "";\n        }\n    }\n}\n',
  'api/go.mod': 'module example.com/api\n\ngo 1.22\n',
  [main]: mainText('\t\tReadTimeout: 5 * time.Second,\n'),
};

describe('language server: a Go net/http server', () => {
  const workspace = lspWorkspace('timeout-chain-go-', files, main);

  test('both sides underlined: the 5 * time.Second in main.go, the upstream in nginx.conf', () => {
    workspace.assertBothSides(main, { start: { line: 10, character: 15 }, end: { line: 10, character: 30 } }, 'nginx/nginx.conf');
  });

  test('hover on the timeout shows the chain from the Go side', async () => {
    const text = await workspace.hover(main, { line: 10, character: 20 });
    assert.match(text, /^\*\*Races:\*\* Go closes after 5s, nginx keeps 60s: POSTs may get 502\n/);
    assert.match(
      text,
      /api\/cmd\/api\/main\.go, Go net\/http server on port 8081: Go closes after 5s \(ReadTimeout, IdleTimeout unset in main\.go\); Go 1\.22 assumed$/m,
    );
  });

  test('the preferred quick fix adds IdleTimeout to the literal; applied on disk, the race is gone', async () => {
    const preferred = await workspace.preferredFix(main);
    assert.match(preferred.title, /Go IdleTimeout/);
    assert.deepEqual(
      (preferred.edit?.changes?.[uri(workspace.file(main))] ?? []).map((e) => e.newText),
      ['\n\t\tIdleTimeout: 90 * time.Second,'],
    );
    await workspace.rewriteUntilNoRace(main, mainText('\t\tIdleTimeout: 90 * time.Second,\n\t\tReadTimeout: 5 * time.Second,\n'), [
      main,
      'nginx/nginx.conf',
    ]);
  });
});
