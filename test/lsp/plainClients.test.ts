// Editors other than VS Code: a client that declares no capabilities (no workspace folders, no
// configuration requests, no dynamic registration, no progress) and names its folder by rootUri,
// by rootPath, or not at all, still gets every diagnostic.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { RawClient } from '../support/rawLspClient';
import { uri } from '../support/lspClient';

const example = path.resolve(__dirname, '../../../examples/seed-incident');
const dirs: string[] = [];
const clients: RawClient[] = [];

function copyExample(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'timeout-chain-plain-'));
  fs.cpSync(example, dir, { recursive: true });
  dirs.push(dir);
  return dir;
}

async function start(init: Record<string, unknown>): Promise<RawClient> {
  const client = new RawClient();
  clients.push(client);
  const response = await client.request('initialize', { processId: null, capabilities: {}, ...init });
  assert.ok(response.result, JSON.stringify(response.error));
  client.notify('initialized', {});
  return client;
}

const codes = (client: RawClient, file: string) => client.diagnostics(uri(file)).map((d) => d.code);

/** What a plain client must never see: a server request it did not declare it could answer, or an internal error. */
function assertPlainTalk(client: RawClient): void {
  const requests = client.received.filter((m) => m.method !== undefined && m.id !== undefined).map((m) => m.method);
  assert.deepEqual(requests, [], 'no registration, configuration or progress requests to a client that declared none');
  assert.deepEqual(
    client.logs().filter((l) => /internal error|doesn't support/i.test(l)),
    [],
  );
}

after(async () => {
  for (const client of clients) await client.stop();
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

describe('language server: plain LSP clients', () => {
  test('rootUri only: both sides of the race, files never opened', async () => {
    const dir = copyExample();
    const client = await start({ rootUri: uri(dir) });
    await client.waitFor(
      'diagnostics on both files',
      () =>
        codes(client, path.join(dir, 'nginx/nginx.conf')).length > 0 && codes(client, path.join(dir, 'tomcat/conf/server.xml')).length > 0,
    );
    assert.deepEqual(codes(client, path.join(dir, 'nginx/nginx.conf')), ['keepalive-race']);
    assert.deepEqual(codes(client, path.join(dir, 'tomcat/conf/server.xml')), ['keepalive-race']);
    assertPlainTalk(client);
  });

  test('rootPath only (LSP 1 and 2 clients): the same', async () => {
    const dir = copyExample();
    const client = await start({ rootPath: dir });
    await client.waitFor(
      'diagnostics on both files',
      () =>
        codes(client, path.join(dir, 'nginx/nginx.conf')).length > 0 && codes(client, path.join(dir, 'tomcat/conf/server.xml')).length > 0,
    );
    assert.deepEqual(codes(client, path.join(dir, 'tomcat/conf/server.xml')), ['keepalive-race']);
    assertPlainTalk(client);
  });

  test('settings pushed in didChangeConfiguration are used (exclude the Tomcat folder: no race)', async () => {
    const dir = copyExample();
    const client = await start({ rootUri: uri(dir), workspaceFolders: null });
    const xml = path.join(dir, 'tomcat/conf/server.xml');
    await client.waitFor('the race', () => codes(client, xml).length > 0);
    client.notify('workspace/didChangeConfiguration', { settings: { timeoutChain: { exclude: ['tomcat/**'] } } });
    await client.waitFor(
      'the race gone with Tomcat excluded, the upstream unlinked',
      () => codes(client, xml).length === 0 && codes(client, path.join(dir, 'nginx/nginx.conf')).join() === 'unlinked-upstream',
    );
    assertPlainTalk(client);
  });

  test('no folder at all: the files opened are analysed together, and closing them clears them', async () => {
    const dir = copyExample();
    const client = await start({ rootUri: null, workspaceFolders: null });
    // Both files in one folder, opened one after the other, as `vim nginx.conf server.xml` would.
    const loose = fs.mkdtempSync(path.join(os.tmpdir(), 'timeout-chain-loose-'));
    dirs.push(loose);
    const nginx = path.join(loose, 'nginx.conf');
    const xml = path.join(loose, 'server.xml');
    fs.copyFileSync(path.join(dir, 'nginx/nginx.conf'), nginx);
    fs.copyFileSync(path.join(dir, 'tomcat/conf/server.xml'), xml);
    for (const [file, languageId] of [
      [nginx, 'nginx'],
      [xml, 'xml'],
    ]) {
      client.notify('textDocument/didOpen', {
        textDocument: { uri: uri(file), languageId, version: 1, text: fs.readFileSync(file, 'utf8') },
      });
    }
    await client.waitFor(
      'the race on both opened files',
      () => codes(client, nginx).includes('keepalive-race') && codes(client, xml).includes('keepalive-race'),
    );
    const hover = await client.request('textDocument/hover', { textDocument: { uri: uri(nginx) }, position: { line: 11, character: 6 } });
    assert.match((hover.result as { contents: { value: string } }).contents.value, /app_backend/);
    client.notify('textDocument/didClose', { textDocument: { uri: uri(xml) } });
    client.notify('textDocument/didClose', { textDocument: { uri: uri(nginx) } });
    await client.waitFor('diagnostics cleared on close', () => codes(client, nginx).length === 0 && codes(client, xml).length === 0);
    assertPlainTalk(client);
  });

  test('no folder at all: an unlinked upstream is said, but no fix writes a timeout-chain.json nothing would read', async () => {
    const client = await start({
      capabilities: { workspace: { workspaceEdit: { documentChanges: true, resourceOperations: ['create'] } } },
    });
    const loose = fs.mkdtempSync(path.join(os.tmpdir(), 'timeout-chain-loose-'));
    dirs.push(loose);
    const nginx = path.join(loose, 'nginx.conf');
    const text = 'events {}\nhttp {\n    upstream api { server api:8081; }\n    server { location / { proxy_pass http://api; } }\n}\n';
    const xml = path.join(loose, 'server.xml');
    const tomcat = '<Server><Service name="s"><Connector port="8080" keepAliveTimeout="90000"/></Service></Server>\n';
    client.notify('textDocument/didOpen', { textDocument: { uri: uri(nginx), languageId: 'nginx', version: 1, text } });
    client.notify('textDocument/didOpen', { textDocument: { uri: uri(xml), languageId: 'xml', version: 1, text: tomcat } });
    await client.waitFor('the unlinked note', () => codes(client, nginx).includes('unlinked-upstream'));
    const [note] = client.diagnostics(uri(nginx));
    const actions = await client.request('textDocument/codeAction', {
      textDocument: { uri: uri(nginx) },
      range: note.range,
      context: { diagnostics: [note] },
    });
    assert.deepEqual(actions.result, []);
    assertPlainTalk(client);
  });

  test('no folder at all: a lone file with a syntax error gets it as it is typed', async () => {
    const client = await start({});
    const file = path.join(os.tmpdir(), 'timeout-chain-lone-nginx.conf');
    client.notify('textDocument/didOpen', {
      textDocument: { uri: uri(file), languageId: 'nginx', version: 1, text: 'events {}\nhttp {\n' },
    });
    await client.waitFor('the syntax error', () => codes(client, file).includes('nginx-syntax'));
    client.notify('textDocument/didChange', {
      textDocument: { uri: uri(file), version: 2 },
      contentChanges: [{ text: 'events {}\nhttp {\n}\n' }],
    });
    await client.waitFor('the syntax error gone', () => codes(client, file).length === 0);
    assertPlainTalk(client);
  });
});
