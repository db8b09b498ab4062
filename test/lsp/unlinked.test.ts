// An upstream nginx reuses with no backend linked, over stdio: an information diagnostic on its
// server line, and a quick fix creating timeout-chain.json through a WorkspaceEdit, offered only
// to clients that can create files.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  CodeActionRequest,
  DidChangeWatchedFilesNotification,
  DidOpenTextDocumentNotification,
  FileChangeType,
  type CodeAction,
  type CreateFile,
  type TextDocumentEdit,
  type TextEdit,
  type WorkspaceEditClientCapabilities,
} from 'vscode-languageserver-protocol';
import { TestClient, uri } from '../support/lspClient';
import { applyEdits } from '../support/memoryWorkspace';

const example = path.resolve(__dirname, '../../../examples/seed-incident');
const title = 'Link upstream app_backend to tomcat/conf/server.xml port 8080';

/** The seed incident with nginx pointing at a published 8081 while Tomcat listens on 8080. */
function remappedExample(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'timeout-chain-unlinked-'));
  fs.cpSync(example, dir, { recursive: true });
  const conf = path.join(dir, 'nginx/nginx.conf');
  fs.writeFileSync(conf, fs.readFileSync(conf, 'utf8').replace('server 10.0.0.21:8080;', 'server 10.0.0.21:8081;'));
  return dir;
}

describe('language server: an upstream that could not be linked', () => {
  const clients: TestClient[] = [];
  const dirs: string[] = [];
  after(async () => {
    for (const client of clients) await client.stop();
    for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
  });

  async function open(workspaceEdit?: WorkspaceEditClientCapabilities, settings?: string) {
    const dir = remappedExample();
    if (settings !== undefined) fs.writeFileSync(path.join(dir, 'timeout-chain.json'), settings);
    dirs.push(dir);
    const client = new TestClient({}, {}, { workspaceEdit });
    clients.push(client);
    await client.start(dir);
    const nginxConf = path.join(dir, 'nginx/nginx.conf');
    const [note] = await client.waitFor('the unlinked note', () => {
      const diagnostics = client.diagnosticsOf(nginxConf);
      return diagnostics.length > 0 && diagnostics;
    });
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: uri(nginxConf) },
      range: note.range,
      context: { diagnostics: [note] },
    })) as CodeAction[];
    return { dir, client, nginxConf, note, actions };
  }

  test('information on the server line; the fix creates timeout-chain.json, and the link then shows the race', async () => {
    const { dir, client, nginxConf, note, actions } = await open({ documentChanges: true, resourceOperations: ['create'] });
    assert.equal(note.code, 'unlinked-upstream');
    assert.equal(note.severity, 3 /* Information */);
    assert.deepEqual(note.range, { start: { line: 12, character: 15 }, end: { line: 12, character: 29 } });
    assert.match(note.message, /^nginx reuses connections to 10\.0\.0\.21:8081 for 60s; no backend configuration found for it\./);
    assert.deepEqual(client.diagnosticsOf(path.join(dir, 'tomcat/conf/server.xml')), [], 'Tomcat alone races nothing');
    assert.deepEqual(
      actions.map((a) => [a.title, a.kind, a.isPreferred]),
      [[title, 'quickfix', false]],
    );
    const settings = path.join(dir, 'timeout-chain.json');
    const [create, fill] = actions[0].edit!.documentChanges! as [CreateFile, TextDocumentEdit];
    assert.deepEqual(create, { kind: 'create', uri: uri(settings) });
    assert.deepEqual(fill.textDocument, { uri: uri(settings), version: null });
    // The client creates the file, fills it and saves; the server hears of it through the watcher.
    fs.writeFileSync(settings, applyEdits('', fill.edits as TextEdit[]));
    assert.deepEqual(JSON.parse(fs.readFileSync(settings, 'utf8')), {
      links: [{ upstream: 'app_backend', server: '10.0.0.21:8081', backend: 'tomcat/conf/server.xml', port: 8080 }],
    });
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, {
      changes: [{ uri: uri(settings), type: FileChangeType.Created }],
    });
    const codes = await client.waitFor('the race, linked by the setting', () => {
      const found = client.diagnosticsOf(nginxConf).map((d) => d.code);
      return found.includes('keepalive-race') && found;
    });
    assert.deepEqual(codes, ['keepalive-race']);
  });

  test('an existing timeout-chain.json: the entry goes into its list; not while the editor holds other text of it', async () => {
    const disk = '{\n  "links": []\n}\n';
    const { dir, client, nginxConf, note, actions } = await open({ documentChanges: true, resourceOperations: ['create'] }, disk);
    const settings = path.join(dir, 'timeout-chain.json');
    assert.deepEqual(
      actions.map((a) => a.title),
      [title],
    );
    const edits = actions[0].edit!.changes![uri(settings)] as TextEdit[];
    assert.deepEqual(JSON.parse(applyEdits(disk, edits)).links, [
      { upstream: 'app_backend', server: '10.0.0.21:8081', backend: 'tomcat/conf/server.xml', port: 8080 },
    ]);
    await client.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri: uri(settings), languageId: 'json', version: 1, text: '{\n  "exclude": [],\n  "links": []\n}\n' },
    });
    const again = (await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: uri(nginxConf) },
      range: note.range,
      context: { diagnostics: [note] },
    })) as CodeAction[];
    assert.deepEqual(again, [], 'edits made on the disk text are not offered for other unsaved text');
  });

  test('a client that cannot create files is offered no fix that would', async () => {
    const { note, actions } = await open();
    assert.equal(note.code, 'unlinked-upstream');
    assert.deepEqual(actions, []);
  });
});
