// Settings errors reach the user: those of timeout-chain.json as error diagnostics on that file
// (each on its key), kept current as the file changes on disk; those of the editor's
// `timeoutChain.*` settings in the log and in one visible message, not again on every edit.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  DidOpenTextDocumentNotification,
  FileChangeType,
  ShowMessageNotification,
} from 'vscode-languageserver-protocol';
import { TestClient, uri } from '../support/lspClient';

const example = path.resolve(__dirname, '../../../examples/seed-incident');
const badFile =
  '{\n  "nginx": { "versoin": "1.24.0" },\n  "fix": { "upstreamMarginPercent": -5 },\n  "links": [ { "upstream": "nope", "serverXml": "tomcat/conf/server.xml" } ]\n}\n';

function copyExample(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'timeout-chain-settings-'));
  fs.cpSync(example, dir, { recursive: true });
  return dir;
}

describe('language server: timeout-chain.json problems', () => {
  let dir: string;
  let client: TestClient;
  let settingsFile: string;

  before(async () => {
    dir = copyExample();
    settingsFile = path.join(dir, 'timeout-chain.json');
    fs.writeFileSync(settingsFile, badFile);
    client = new TestClient();
    await client.start(dir);
  });

  after(async () => {
    await client.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** The text a diagnostic's range covers. */
  const covered = (text: string, range: { start: { line: number; character: number }; end: { line: number; character: number } }) => {
    const lines = text.split('\n');
    return range.start.line === range.end.line ? lines[range.start.line].slice(range.start.character, range.end.character) : undefined;
  };

  test('a misspelt key, a bad value and a link that links nothing are errors on their keys', async () => {
    const diagnostics = await client.waitFor(
      'settings diagnostics',
      () => client.diagnosticsOf(settingsFile).length === 3 && client.diagnosticsOf(settingsFile),
    );
    assert.ok(
      diagnostics.every((d) => d.code === 'settings' && d.severity === 1 /* Error */ && d.source === 'timeout-chain'),
      JSON.stringify(diagnostics),
    );
    assert.deepEqual(
      diagnostics.map((d) => covered(badFile, d.range)),
      ['"versoin"', '"upstreamMarginPercent"', '{ "upstream": "nope", "serverXml": "tomcat/conf/server.xml" }'],
    );
    assert.match(diagnostics[0].message, /did you mean "version"/);
    assert.match(diagnostics[2].message, /links nothing/);
    assert.ok(client.diagnosticsOf(path.join(dir, 'tomcat/conf/server.xml')).length > 0, 'the rest of the analysis goes on');
  });

  test('JSON that is not valid is one error on the file; mending it clears the diagnostics', async () => {
    fs.writeFileSync(settingsFile, '{ "nginx": { "version": "1.24.0" }, }\n');
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, {
      changes: [{ uri: uri(settingsFile), type: FileChangeType.Changed }],
    });
    const [invalid] = await client.waitFor(
      'the JSON error',
      () => client.diagnosticsOf(settingsFile).length === 1 && client.diagnosticsOf(settingsFile),
    );
    assert.match(invalid.message, /not valid JSON/);
    fs.writeFileSync(settingsFile, '{ "nginx": { "version": "1.24.0" } }\n');
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, {
      changes: [{ uri: uri(settingsFile), type: FileChangeType.Changed }],
    });
    await client.waitFor('no settings diagnostics', () => client.diagnosticsOf(settingsFile).length === 0);
  });
});

describe('language server: editor settings errors', () => {
  let dir: string;
  let client: TestClient;
  const messages = () =>
    client.notifications
      .filter((n) => n.method === ShowMessageNotification.method)
      .map((n) => n.params as { type: number; message: string });

  before(async () => {
    dir = copyExample();
    client = new TestClient({ fix: { upstreamMarginPercent: 'lots' } }, {}, { likeVsCode: true });
    await client.start(dir);
  });

  after(async () => {
    await client.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('a bad value is logged and shown once, with its setting name', async () => {
    const [shown] = await client.waitFor('a message', () => messages().length > 0 && messages());
    assert.equal(shown.type, 2 /* Warning */);
    assert.match(shown.message, /timeoutChain\.fix\.upstreamMarginPercent: must be a number/);
    assert.ok(
      client.logs().some((l) => /timeoutChain\.fix\.upstreamMarginPercent/.test(l)),
      'in the output too',
    );
  });

  test('edits and an unrelated settings change do not show it again', async () => {
    const nginxConf = path.join(dir, 'nginx/nginx.conf');
    const text = fs.readFileSync(nginxConf, 'utf8');
    await client.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri: uri(nginxConf), languageId: 'nginx', version: 1, text },
    });
    for (let version = 2; version < 6; version++) {
      await client.connection.sendNotification(DidChangeTextDocumentNotification.type, {
        textDocument: { uri: uri(nginxConf), version },
        contentChanges: [{ text: `# edit ${version}\n${text}` }],
      });
    }
    client.settings = { ...client.settings, exclude: ['nothing/**'] };
    await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
    await client.waitFor(
      'the rescan for the new exclude',
      () => client.logs().filter((l) => /^timeout-chain: read \d+ files/.test(l)).length === 2,
    );
    assert.equal(messages().length, 1);
  });

  test('once mended and broken again, it is shown again', async () => {
    client.settings = {};
    await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
    await client.waitFor('the rescan', () => client.logs().filter((l) => /^timeout-chain: read \d+ files/.test(l)).length === 3);
    client.settings = { nginx: { version: 'one' } };
    await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
    const all = await client.waitFor('a second message', () => messages().length === 2 && messages());
    assert.match(all[1].message, /timeoutChain\.nginx\.version/);
  });
});
