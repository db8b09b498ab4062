// A Node.js application behind nginx, over stdio: diagnostics on server.js and on nginx, hover on
// the server's call, the quick fix applied to server.js (it compiles; saved, the race is gone).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as vm from 'node:vm';
import { CodeActionRequest, HoverRequest, type CodeAction, type Hover, type TextEdit } from 'vscode-languageserver-protocol';
import { uri, type TestClient } from '../support/lspClient';
import { changeOnDisk, closeWorkspace, openWorkspace, type LspWorkspace } from '../support/lspFolder';
import { LineIndex } from '../../server/src/core/text';

const serverJs = 'app/src/server.js';
const files: Record<string, string> = {
  'nginx/nginx.conf':
    'events {}\nhttp {\n    upstream app {\n        server app:3000;\n        keepalive 8;\n    }\n    server {\n        location / {\n            proxy_pass http://app;\n            proxy_http_version 1.1;\n            proxy_set_header Connection "";\n        }\n    }\n}\n',
  'app/package.json':
    '{\n  "name": "shop",\n  "scripts": { "start": "node src/server.js" },\n  "dependencies": { "express": "^4.19.2" }\n}\n',
  'app/.nvmrc': '20\n',
  [serverJs]:
    "const express = require('express');\n\nconst app = express();\napp.get('/', (req, res) => res.send('ok'));\n\nconst server = app.listen(3000);\nserver.keepAliveTimeout = 5000;\n",
  'docker-compose.yml': 'services:\n  app:\n    build: ./app\n  nginx:\n    image: nginx:1.27\n',
};

/** Edits applied from the end, as an editor applies a workspace edit. */
function applied(text: string, edits: TextEdit[]): string {
  const lines = new LineIndex(text);
  const offsets = edits.map((e) => ({ start: lines.offsetAt(e.range.start), end: lines.offsetAt(e.range.end), text: e.newText }));
  return offsets.sort((a, b) => b.start - a.start).reduce((t, e) => t.slice(0, e.start) + e.text + t.slice(e.end), text);
}

describe('language server: a Node.js application', () => {
  let workspace: LspWorkspace;
  let client: TestClient;
  const file = (name: string) => workspace.file(name);

  before(async () => {
    workspace = await openWorkspace(files, 'timeout-chain-node-');
    client = workspace.client;
    await client.waitFor('the race on server.js', () => client.diagnosticsOf(file(serverJs)).some((d) => d.code === 'keepalive-race'));
  });

  after(() => closeWorkspace(workspace));

  test('both sides underlined: the 5000 in server.js, the upstream in nginx.conf', () => {
    const node = client.diagnosticsOf(file(serverJs)).find((d) => d.code === 'keepalive-race')!;
    assert.deepEqual(node.range, { start: { line: 6, character: 26 }, end: { line: 6, character: 30 } });
    assert.equal(node.message, 'upstream app keeps idle connections 60s, Node.js closes them after 6s: POSTs may get 502');
    assert.ok(node.relatedInformation?.some((r) => r.location.uri === uri(file('nginx/nginx.conf'))));
    assert.ok(node.relatedInformation?.some((r) => /keepAliveTimeoutBuffer/.test(r.message)));
    assert.ok(client.diagnosticsOf(file('nginx/nginx.conf')).some((d) => d.code === 'keepalive-race'));
  });

  test('hover on the value shows the chain from the Node.js side', async () => {
    const hover = (await client.connection.sendRequest(HoverRequest.type, {
      textDocument: { uri: uri(file(serverJs)) },
      position: { line: 6, character: 27 },
    })) as Hover | null;
    const text = (hover?.contents as { value: string } | undefined)?.value ?? '';
    assert.match(text, /^\*\*Races:\*\* Node\.js closes after 6s, nginx keeps 60s: POSTs may get 502\n/);
    assert.match(text, /^→ upstream app keeps idle connections 60s/m);
    assert.match(
      text,
      /Node\.js closes after 6s \(keepAliveTimeout set in app\/src\/server\.js, closing at 6000 ms with Node\.js 20's 1000 ms keepAliveTimeoutBuffer\)/,
    );
  });

  test('the preferred quick fix rewrites the literal in server.js; saved, the race is gone', async () => {
    const node = client.diagnosticsOf(file(serverJs)).find((d) => d.code === 'keepalive-race')!;
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: uri(file(serverJs)) },
      range: node.range,
      context: { diagnostics: [node] },
    })) as CodeAction[];
    const preferred = actions.find((a) => a.isPreferred)!;
    assert.equal(preferred.title, "Set server.keepAliveTimeout to 90000 ms (longer than nginx's 60s)");
    const edits = preferred.edit?.changes?.[uri(file(serverJs))] ?? [];
    const fixed = applied(files[serverJs], edits);
    assert.ok(fixed.endsWith('server.keepAliveTimeout = 90000;\n'), fixed);
    assert.doesNotThrow(() => new vm.Script(fixed));
    await changeOnDisk(workspace, serverJs, fixed);
    await client.waitFor('the race gone', () => !client.diagnosticsOf(file(serverJs)).some((d) => d.code === 'keepalive-race'));
  });
});
