// Real repository layouts (test/support/realLayouts.ts) through the language server over stdio:
// the same findings as the CLI's analysis, and documents an editor opens in nginx mode (the client
// sets it by folder names) that are no nginx, an Apache conf.d file or a Dockerfile, stay quiet.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DidChangeTextDocumentNotification, DidOpenTextDocumentNotification } from 'vscode-languageserver-protocol';
import { analyzeFolder } from '../../server/src/node/analyzeFolder';
import { layoutCases, writeLayoutCase } from '../support/realLayouts';
import { TestClient, uri } from '../support/lspClient';

const severities = ['', 'error', 'warning', 'info', 'hint'];

for (const layout of layoutCases) {
  test(`CLI and language server agree: ${layout.name}`, { timeout: 90_000 }, async (t) => {
    if (process.platform === 'win32' && layout.symlinks) return t.skip('symbolic links');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'timeout-chain-layout-lsp-'));
    const client = new TestClient();
    try {
      writeLayoutCase(dir, layout);
      const result = await analyzeFolder(dir);
      const cli = result.findings
        .map((f) => `${path.relative(dir, f.location.file)} ${JSON.stringify(f.location.range)} ${f.severity} [${f.code}] ${f.message}`)
        .sort();
      await client.start(dir);
      await client.waitFor('the first analysis', () => client.statuses('ready').length > 0, 60_000);
      const lsp: string[] = [];
      for (const [fileUri, diagnostics] of client.diagnostics)
        for (const d of diagnostics)
          lsp.push(
            `${path.relative(dir, fileURLToPath(fileUri))} ${JSON.stringify(d.range)} ${severities[d.severity ?? 0]} [${String(d.code)}] ${typeof d.message === 'string' ? d.message : d.message.value}`,
          );
      assert.deepEqual(lsp.sort(), cli);
    } finally {
      await client.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
}

test('documents opened in nginx mode: an Apache conf.d file, a Dockerfile and a README stay quiet', { timeout: 90_000 }, async () => {
  const apache = layoutCases.find((c) => c.files['etc/httpd/conf.d/ssl.conf'])!;
  const docker = layoutCases.find((c) => c.files['nginx/Dockerfile'])!;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'timeout-chain-layout-open-'));
  const client = new TestClient();
  try {
    writeLayoutCase(dir, { ...apache, files: { ...apache.files, ...docker.files }, symlinks: {} });
    await client.start(dir);
    await client.waitFor('the first analysis', () => client.statuses('ready').length > 0, 60_000);
    const quiet = ['etc/httpd/conf.d/ssl.conf', 'etc/httpd/conf.d/welcome.conf', 'nginx/Dockerfile', 'nginx/README', 'nginx/Makefile'];
    for (const relative of quiet) {
      const file = path.join(dir, relative);
      await client.connection.sendNotification(DidOpenTextDocumentNotification.type, {
        textDocument: { uri: uri(file), languageId: 'nginx', version: 1, text: fs.readFileSync(file, 'utf8') + '\n}\n' },
      });
    }
    // An edit that breaks a real nginx file: once it is reported, the documents opened before are analysed.
    const app = path.join(dir, 'etc/nginx/conf.d/app.conf');
    await client.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri: uri(app), languageId: 'nginx', version: 1, text: fs.readFileSync(app, 'utf8') },
    });
    await client.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri: uri(app), version: 2 },
      contentChanges: [{ text: fs.readFileSync(app, 'utf8') + '\n}\n' }],
    });
    await client.waitFor('the syntax error typed into app.conf', () => client.diagnosticsOf(app).some((d) => d.code === 'nginx-syntax'));
    for (const relative of quiet) assert.deepEqual(client.diagnosticsOf(path.join(dir, relative)), [], relative);
  } finally {
    await client.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
