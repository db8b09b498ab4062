// The built language server (dist/server.js) driven over stdio by a real LSP client.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  CodeActionRequest,
  DidChangeTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  FileChangeType,
  type CodeAction,
  type TextEdit,
} from 'vscode-languageserver-protocol';
import { TestClient, uri } from '../support/lspClient';
import { applyEdits } from '../support/memoryWorkspace';

const example = path.resolve(__dirname, '../../../examples/seed-incident');

function copyExample(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'timeout-chain-lsp-'));
  fs.cpSync(example, dir, { recursive: true });
  return dir;
}

describe('language server over stdio', () => {
  let dir: string;
  let nginxConf: string;
  let serverXml: string;
  let client: TestClient;

  before(async () => {
    dir = copyExample();
    nginxConf = path.join(dir, 'nginx/nginx.conf');
    serverXml = path.join(dir, 'tomcat/conf/server.xml');
    client = new TestClient();
    await client.start(dir);
  });

  after(async () => {
    await client.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('publishes the race on both files without any file being opened', async () => {
    await client.waitFor(
      'diagnostics on both files',
      () => client.diagnosticsOf(nginxConf).length > 0 && client.diagnosticsOf(serverXml).length > 0,
    );
    const [onNginx] = client.diagnosticsOf(nginxConf);
    const [onTomcat] = client.diagnosticsOf(serverXml);
    for (const d of [onNginx, onTomcat]) {
      assert.equal(d.code, 'keepalive-race');
      assert.equal(d.source, 'timeout-chain');
      assert.equal(d.severity, 2 /* Warning */);
      const docs = fileURLToPath(d.codeDescription!.href);
      assert.ok(fs.existsSync(docs), `docs page ${docs} exists`);
    }
    // nginx: `upstream app_backend` (no keepalive_timeout in the example); Tomcat: the connectionTimeout value.
    assert.deepEqual(onNginx.range, { start: { line: 11, character: 4 }, end: { line: 11, character: 24 } });
    assert.deepEqual(onTomcat.range, { start: { line: 5, character: 34 }, end: { line: 5, character: 38 } });
    assert.equal(onTomcat.message, 'upstream app_backend keeps idle connections 60s, Tomcat closes them after 7s: POSTs may get 502');
    assert.match(
      onTomcat.relatedInformation?.[1].message ?? '',
      /^Tomcat closes idle connections after 7s here: connectionTimeout, keepAliveTimeout unset/,
    );
    assert.match(onTomcat.relatedInformation?.[2].message ?? '', /proxy_next_upstream lacks non_idempotent.*502 Bad Gateway/);
    assert.equal(onNginx.relatedInformation?.[0].location.uri, uri(serverXml));
    assert.deepEqual(onNginx.relatedInformation?.[0].location.range, onTomcat.range);
    assert.equal(onTomcat.relatedInformation?.[0].location.uri, uri(nginxConf));
  });

  test('reports what it linked in its status notification', async () => {
    const status = await client.waitFor('a ready status', () =>
      client.notifications
        .map((n) => n.params as { state?: string; links?: unknown[] })
        .reverse()
        .find((p) => p?.state === 'ready' && (p.links?.length ?? 0) > 0),
    );
    assert.deepEqual(status.links, [
      {
        upstream: 'upstream app_backend, server 10.0.0.21:8080',
        connector: 'tomcat/conf/server.xml, Connector port 8080 (Service Catalina)',
        via: 'port',
        how: 'by port',
      },
    ]);
  });

  test('offers both fixes, the Tomcat raise preferred, and applying it clears both sides', async () => {
    const [onTomcat] = client.diagnosticsOf(serverXml);
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: uri(serverXml) },
      range: onTomcat.range,
      context: { diagnostics: [onTomcat] },
    })) as CodeAction[];
    assert.deepEqual(
      actions.map((a) => [a.title, a.isPreferred, a.kind]),
      [
        ["Set Tomcat keepAliveTimeout to 90000 ms (longer than nginx's 60s)", true, 'quickfix'],
        ["Lower nginx upstream keepalive_timeout to 6s (shorter than Tomcat's 7s)", false, 'quickfix'],
      ],
    );
    const edits = actions[0].edit!.changes![uri(serverXml)] as TextEdit[];
    const fixed = applyEdits(fs.readFileSync(serverXml, 'utf8'), edits);
    assert.match(fixed, /connectionTimeout="7000"\n\s+keepAliveTimeout="90000"\n/);
    // A client applies the edit and saves; the server hears of it through the file watcher.
    fs.writeFileSync(serverXml, fixed);
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, {
      changes: [{ uri: uri(serverXml), type: FileChangeType.Changed }],
    });
    await client.waitFor(
      'both diagnostics cleared',
      () => client.diagnosticsOf(nginxConf).length === 0 && client.diagnosticsOf(serverXml).length === 0,
    );
  });

  test('unsaved edits to server.xml move the nginx diagnostics; closing without saving restores the disk state', async () => {
    const disk = fs.readFileSync(serverXml, 'utf8');
    await client.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri: uri(serverXml), languageId: 'xml', version: 1, text: disk },
    });
    const start = disk.indexOf('90000');
    const lines = disk.slice(0, start).split('\n');
    const position = { line: lines.length - 1, character: lines[lines.length - 1].length };
    await client.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri: uri(serverXml), version: 2 },
      contentChanges: [{ range: { start: position, end: { line: position.line, character: position.character + 5 } }, text: '30000' }],
    });
    await client.waitFor('nginx diagnostics from the unsaved text', () =>
      client.diagnosticsOf(nginxConf).find((d) => d.message.includes('30s')),
    );
    await client.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri: uri(serverXml) } });
    await client.waitFor(
      'diagnostics cleared again',
      () => client.diagnosticsOf(nginxConf).length === 0 && client.diagnosticsOf(serverXml).length === 0,
    );
  });

  test('unsaved edits to nginx.conf move the Tomcat diagnostics, and the reverse of the above', async () => {
    const disk = fs.readFileSync(nginxConf, 'utf8');
    const text = disk.replace('keepalive 32;', 'keepalive 32;\n        keepalive_timeout 120s;');
    await client.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri: uri(nginxConf), languageId: 'nginx', version: 1, text },
    });
    const onTomcat = await client.waitFor('Tomcat diagnostics from the unsaved nginx text', () =>
      client.diagnosticsOf(serverXml).find((d) => d.message.includes('120s')),
    );
    assert.match(onTomcat.message, /keeps idle connections 120s, Tomcat closes them after 90s:/);
    assert.ok(onTomcat.relatedInformation?.some((r) => r.message.includes('after 90s here: keepAliveTimeout')));
    const onNginx = client.diagnosticsOf(nginxConf)[0];
    assert.equal(text.split('\n')[onNginx.range.start.line].slice(onNginx.range.start.character, onNginx.range.end.character), '120s');
    await client.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri: uri(nginxConf) } });
    await client.waitFor(
      'diagnostics cleared on close',
      () => client.diagnosticsOf(nginxConf).length === 0 && client.diagnosticsOf(serverXml).length === 0,
    );
  });

  test('broken nginx syntax is a diagnostic with a range, and the server keeps serving', async () => {
    const text = fs.readFileSync(nginxConf, 'utf8').replace('keepalive 32;', 'keepalive 32');
    await client.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri: uri(nginxConf), languageId: 'nginx', version: 1, text },
    });
    const syntax = await client.waitFor('a syntax diagnostic', () =>
      client.diagnosticsOf(nginxConf).find((d) => d.code === 'nginx-syntax'),
    );
    assert.equal(syntax.severity, 1 /* Error */);
    assert.ok(syntax.range.start.line >= 13, 'the error is placed where nginx sees it');
    await client.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri: uri(nginxConf) } });
    await client.waitFor('syntax diagnostic gone after close', () => client.diagnosticsOf(nginxConf).length === 0);
  });

  test('registers file watchers so that unopened files stay current', () => {
    const watchers = client.registrations.find((r) => (r as { method: string }).method === 'workspace/didChangeWatchedFiles') as
      { registerOptions: { watchers: { globPattern: string }[] } } | undefined;
    assert.ok(watchers?.registerOptions.watchers.some((w) => w.globPattern === '**/server.xml'));
  });
});

describe('language server: scanning and watching the workspace', () => {
  let dir: string;
  let client: TestClient;
  const racyTomcat =
    '<Server>\n  <Service name="Catalina">\n    <Connector port="8080" connectionTimeout="7000"/>\n  </Service>\n</Server>\n';

  before(async () => {
    dir = copyExample();
    fs.mkdirSync(path.join(dir, 'ignored/conf'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'ignored/conf/server.xml'), racyTomcat);
    client = new TestClient({}, { '**/ignored': true });
    await client.start(dir);
  });

  after(async () => {
    await client.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('files.exclude keeps a folder out of the analysis', async () => {
    await client.waitFor('diagnostics on the example', () => client.diagnosticsOf(path.join(dir, 'tomcat/conf/server.xml')).length > 0);
    assert.deepEqual(client.diagnosticsOf(path.join(dir, 'ignored/conf/server.xml')), []);
    const related = client.diagnosticsOf(path.join(dir, 'nginx/nginx.conf'))[0].relatedInformation ?? [];
    assert.deepEqual(
      related.filter((r) => r.location.uri.endsWith('server.xml')).map((r) => r.location.uri),
      [uri(path.join(dir, 'tomcat/conf/server.xml'))],
      'the nginx side points at the one Tomcat read',
    );
  });

  test('a server.xml created on disk is analysed, and its diagnostics go when it is deleted', async () => {
    const extra = path.join(dir, 'extra/conf/server.xml');
    fs.mkdirSync(path.dirname(extra), { recursive: true });
    fs.writeFileSync(extra, racyTomcat);
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, {
      changes: [{ uri: uri(extra), type: FileChangeType.Created }],
    });
    const [created] = await client.waitFor(
      'diagnostics on the new file',
      () => client.diagnosticsOf(extra).length > 0 && client.diagnosticsOf(extra),
    );
    assert.equal(created.code, 'keepalive-race');
    assert.deepEqual(created.range, { start: { line: 2, character: 46 }, end: { line: 2, character: 50 } });
    fs.rmSync(path.join(dir, 'extra'), { recursive: true });
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, {
      changes: [{ uri: uri(extra), type: FileChangeType.Deleted }],
    });
    await client.waitFor('diagnostics of the deleted file cleared', () => client.diagnosticsOf(extra).length === 0);
  });
});
