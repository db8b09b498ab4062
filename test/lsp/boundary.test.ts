// The language server reads a file that changed on disk through the read boundary, as the scan
// does: a configuration file replaced by a link to outside is not read, and is said to be so.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DidChangeWatchedFilesNotification, FileChangeType } from 'vscode-languageserver-protocol';
import { TestClient, uri } from '../support/lspClient';

const example = path.resolve(__dirname, '../../../examples/seed-incident');
let dir: string;
let outside: string;
let client: TestClient;

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'timeout-chain-lsp-boundary-'));
  outside = fs.mkdtempSync(path.join(os.tmpdir(), 'timeout-chain-outside-'));
  fs.cpSync(example, dir, { recursive: true });
  client = new TestClient();
  await client.start(dir);
});

after(async () => {
  await client.stop();
  fs.rmSync(dir, { recursive: true, force: true });
  fs.rmSync(outside, { recursive: true, force: true });
});

test('server.xml replaced on disk by a link to a file outside: not read, said on the link, the race gone with it', async () => {
  const serverXml = path.join(dir, 'tomcat/conf/server.xml');
  await client.waitFor('the race on server.xml', () => client.diagnosticsOf(serverXml).some((d) => d.code === 'keepalive-race'));
  // Outside, a Tomcat whose timeout would end the race if it were read.
  const elsewhere = path.join(outside, 'server.xml');
  fs.writeFileSync(
    elsewhere,
    fs.readFileSync(serverXml, 'utf8').replace('connectionTimeout="7000"', 'connectionTimeout="7000" keepAliveTimeout="90000"'),
  );
  fs.rmSync(serverXml);
  fs.symlinkSync(elsewhere, serverXml);
  await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, {
    changes: [{ uri: uri(serverXml), type: FileChangeType.Changed }],
  });
  const said = await client.waitFor('file-access on server.xml', () =>
    client.diagnosticsOf(serverXml).find((d) => d.code === 'file-access'),
  );
  assert.match(said.message, /outside the workspace, not read/);
  assert.deepEqual(
    client.diagnosticsOf(serverXml).map((d) => d.code),
    ['file-access'],
  );
  // With no Tomcat read, the reused upstream links nothing: a note says so instead of the race.
  await client.waitFor('nginx.conf without the race, the upstream unlinked', () => {
    const codes = client.diagnosticsOf(path.join(dir, 'nginx/nginx.conf')).map((d) => d.code);
    return codes.length === 1 && codes[0] === 'unlinked-upstream';
  });
});
