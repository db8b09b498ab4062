// Each folder is read once at start (and after Restart Server, which starts a new server): the
// didChangeConfiguration that VS Code's client sends as soon as the server registers for it does
// not read the folders a second time. A real settings change still does.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DidChangeConfigurationNotification } from 'vscode-languageserver-protocol';
import { TestClient } from '../support/lspClient';

const example = path.resolve(__dirname, '../../../examples/seed-incident');
const unchanged = 'timeout-chain: settings unchanged, folders not read again';
/** A scan starts with a `scanning` status that has no files-read count (counts come while it reads). */
const scans = (client: TestClient) => client.statuses('scanning').filter((s) => s.filesRead === undefined).length;
const reads = (client: TestClient) => client.logs().filter((l) => /^timeout-chain: read \d+ files/.test(l)).length;

describe('language server: one scan per start', () => {
  let dir: string;
  let client: TestClient;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'timeout-chain-scan-once-'));
    fs.cpSync(example, dir, { recursive: true });
    client = new TestClient({}, {}, { likeVsCode: true });
    await client.start(dir);
  });

  after(async () => {
    await client.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('the configuration notification sent on registration reads nothing again', async () => {
    await client.waitFor('the configuration notification handled', () => client.logs().includes(unchanged));
    await client.waitFor('the analysis', () => client.statuses('ready').length > 0);
    assert.equal(scans(client), 1, 'one scanning status');
    assert.equal(reads(client), 1, 'one "read N files" line');
    assert.ok(
      client.registrations.some((r) => (r as { method: string }).method === DidChangeConfigurationNotification.method),
      'the server registered for configuration changes',
    );
  });

  test('a settings change reads the folder again, once', async () => {
    const xml = path.join(dir, 'tomcat/conf/server.xml');
    await client.waitFor('the race', () => client.diagnosticsOf(xml).length > 0);
    client.settings = { exclude: ['tomcat/**'] };
    await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
    await client.waitFor('the race gone with Tomcat excluded', () => client.diagnosticsOf(xml).length === 0);
    await client.waitFor('the second read logged', () => reads(client) === 2);
    assert.equal(scans(client), 2);
  });
});
