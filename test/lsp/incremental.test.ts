// An edit through the editor re-publishes only the files whose diagnostics it changes, and the
// status notification carries the link list only when links changed.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DidChangeTextDocumentNotification, DidOpenTextDocumentNotification } from 'vscode-languageserver-protocol';
import { TestClient, uri } from '../support/lspClient';

const pairs = ['a', 'b', 'c'];
const port = (name: string) => 8081 + pairs.indexOf(name);
let dir: string;
let client: TestClient;
const file = (relative: string) => path.join(dir, relative);

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'timeout-chain-incremental-'));
  const write = (relative: string, text: string) => {
    fs.mkdirSync(path.dirname(file(relative)), { recursive: true });
    fs.writeFileSync(file(relative), text);
  };
  write('nginx/nginx.conf', 'events {}\nhttp {\n    include conf.d/*.conf;\n}\n');
  for (const name of pairs) {
    write(`nginx/conf.d/${name}.conf`, `upstream ${name} {\n    server ${name}:${port(name)};\n    keepalive 8;\n    keepalive_timeout 60s;\n}\nserver {\n    location / {\n        proxy_pass http://${name};\n    }\n}\n`);
    write(`${name}/conf/server.xml`, `<Server port="8005">\n  <Service name="Catalina">\n    <Connector port="${port(name)}" connectionTimeout="20000" />\n  </Service>\n</Server>\n`);
  }
  client = new TestClient();
  await client.start(dir);
  await client.waitFor('every pair racing', () => pairs.every((n) => client.diagnosticsOf(file(`nginx/conf.d/${n}.conf`)).length > 0 && client.diagnosticsOf(file(`${n}/conf/server.xml`)).length > 0));
  // The status follows the diagnostics of the same analysis: wait for it too, or it counts as the next one's.
  await client.waitFor('the first analysis to be ready', () => readyCount() > 0);
});

after(async () => {
  await client.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

const readyCount = () => client.notifications.filter((n) => (n.params as { state?: string })?.state === 'ready').length;

test('an edit to one pair re-publishes that pair only, and no link list', async () => {
  const conf = file('nginx/conf.d/b.conf');
  const text = fs.readFileSync(conf, 'utf8');
  const readyBeforeOpen = readyCount();
  client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: uri(conf), languageId: 'nginx', version: 1, text } });
  await client.waitFor('the open analysed', () => readyCount() > readyBeforeOpen);
  const publishedBefore = client.published.length;
  const readyBefore = readyCount();
  const at = { line: 3, character: 22 }; // "60s" in `keepalive_timeout 60s;`
  assert.equal(text.split('\n')[3].slice(at.character, at.character + 3), '60s');
  client.connection.sendNotification(DidChangeTextDocumentNotification.type, {
    textDocument: { uri: uri(conf), version: 2 },
    contentChanges: [{ range: { start: at, end: { line: 3, character: 25 } }, text: '10s' }],
  });
  await client.waitFor('the edit analysed', () => readyCount() > readyBefore && client.diagnosticsOf(conf).length === 0);
  const republished = new Set(client.published.slice(publishedBefore).map((p) => p.uri));
  assert.deepEqual([...republished].sort(), [uri(file('b/conf/server.xml')), uri(conf)].sort(), 'only the pair whose race the edit ended');
  assert.deepEqual(client.diagnosticsOf(conf), []);
  assert.ok(client.diagnosticsOf(file('nginx/conf.d/a.conf')).length > 0, 'the other pairs still race');
  const status = client.notifications.map((n) => n.params as { state?: string; linkCount?: number; links?: unknown[] }).filter((p) => p?.state === 'ready').at(-1)!;
  assert.equal(status.linkCount, 3);
  assert.equal(status.links, undefined, 'the links did not change, so the list is not sent again');
});
