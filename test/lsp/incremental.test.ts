// An edit through the editor re-publishes only the files whose diagnostics it changes, and the
// status notification carries the link list only when links changed; edits to a snippet every
// location includes publish nothing until they change a diagnostic.
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
  write('nginx/snippets/proxy.conf', 'proxy_http_version 1.1;\nproxy_set_header Host $host;\nproxy_set_header Connection "";\n');
  for (const name of pairs) {
    write(
      `nginx/conf.d/${name}.conf`,
      `upstream ${name} {\n    server ${name}:${port(name)};\n    keepalive 8;\n    keepalive_timeout 60s;\n}\nserver {\n    location / {\n        include snippets/proxy.conf;\n        proxy_pass http://${name};\n    }\n}\n`,
    );
    write(
      `${name}/conf/server.xml`,
      `<Server port="8005">\n  <Service name="Catalina">\n    <Connector port="${port(name)}" connectionTimeout="20000" />\n  </Service>\n</Server>\n`,
    );
  }
  client = new TestClient();
  await client.start(dir);
  await client.waitFor('every pair racing', () =>
    pairs.every(
      (n) =>
        client.diagnosticsOf(file(`nginx/conf.d/${n}.conf`)).length > 0 && client.diagnosticsOf(file(`${n}/conf/server.xml`)).length > 0,
    ),
  );
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
  client.connection.sendNotification(DidOpenTextDocumentNotification.type, {
    textDocument: { uri: uri(conf), languageId: 'nginx', version: 1, text },
  });
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
  const status = client.notifications
    .map((n) => n.params as { state?: string; linkCount?: number; links?: unknown[] })
    .filter((p) => p?.state === 'ready')
    .at(-1)!;
  assert.equal(status.linkCount, 3);
  assert.equal(status.links, undefined, 'the links did not change, so the list is not sent again');
});

test('edits to the snippet every location includes publish nothing until a diagnostic changes', async () => {
  const snippet = file('nginx/snippets/proxy.conf');
  let version = 1;
  const readyBeforeOpen = readyCount();
  client.connection.sendNotification(DidOpenTextDocumentNotification.type, {
    textDocument: { uri: uri(snippet), languageId: 'nginx', version, text: fs.readFileSync(snippet, 'utf8') },
  });
  await client.waitFor('the open analysed', () => readyCount() > readyBeforeOpen);
  const edit = async (
    what: string,
    range: { start: { line: number; character: number }; end: { line: number; character: number } },
    text: string,
  ) => {
    const readyBefore = readyCount();
    client.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri: uri(snippet), version: ++version },
      contentChanges: [{ range, text }],
    });
    await client.waitFor(what, () => readyCount() > readyBefore);
  };
  const publishedBefore = client.published.length;
  const point = (line: number, character: number) => ({ line, character });
  await edit(
    'a comment typed at the top (every directive moves)',
    { start: point(0, 0), end: point(0, 0) },
    '# shared by every location\n',
  );
  await edit('a header renamed', { start: point(2, 17), end: point(2, 21) }, 'X-Forwarded-Host');
  assert.deepEqual(client.published.slice(publishedBefore), [], 'no diagnostic changed, so nothing was published');
  assert.ok(
    client.diagnosticsOf(file('nginx/conf.d/a.conf')).some((d) => d.code === 'keepalive-race'),
    'the race is still shown',
  );
  // Connection: close in every location: nothing is reused, so no race, and every location is reported.
  await edit('Connection "" made close', { start: point(3, 28), end: point(3, 30) }, 'close');
  for (const name of pairs) {
    assert.ok(
      client.diagnosticsOf(file(`nginx/conf.d/${name}.conf`)).some((d) => d.code === 'keepalive-lost'),
      `${name}: every request closes its connection`,
    );
    assert.deepEqual(client.diagnosticsOf(file(`${name}/conf/server.xml`)), [], `${name}: no reuse, so no race`);
  }
});
