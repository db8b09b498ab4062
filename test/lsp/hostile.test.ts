// The hostile workspaces (test/support/hostileCases.ts), each on disk, through the CLI's analysis
// (analyzeFolder) and through the language server over stdio: both give the same findings (code,
// file, range, severity, message), the server neither crashes nor hangs (it answers a rescan
// afterwards), and it publishes nothing outside the folder.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyzeFolder } from '../../server/src/node/analyzeFolder';
import { hostileCases, writeHostileCase } from '../support/hostileCases';
import { TestClient } from '../support/lspClient';

interface Seen {
  code: string;
  file: string;
  range: unknown;
  severity: string;
  message: string;
}

const severities = ['', 'error', 'warning', 'info', 'hint'];

/** One line per finding, sorted: a difference shows as a readable diff. */
function lines(seen: Seen[]): string[] {
  return seen.map((s) => `${s.file} ${JSON.stringify(s.range)} ${s.severity} [${s.code}] ${s.message}`).sort();
}

for (const hostile of hostileCases) {
  // The timeouts only catch a hang (the glob bomb took minutes before): speed is the benchmark's.
  test(`CLI and language server agree: ${hostile.name}`, { timeout: 90_000 }, async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'timeout-chain-hostile-lsp-'));
    const client = new TestClient();
    try {
      writeHostileCase(dir, hostile);
      const result = await analyzeFolder(dir);
      const cli = result.findings.map((f) => ({
        code: f.code,
        file: path.relative(dir, f.location.file),
        range: f.location.range,
        severity: f.severity,
        message: f.message,
      }));

      await client.start(dir);
      await client.waitFor('the first analysis', () => client.statuses('ready').length > 0, 60_000);
      const lsp: Seen[] = [];
      for (const [uri, diagnostics] of client.diagnostics) {
        const file = path.relative(dir, fileURLToPath(uri));
        assert.ok(!file.startsWith('..') && !path.isAbsolute(file), `a diagnostic outside the folder: ${uri}`);
        for (const d of diagnostics)
          lsp.push({
            code: String(d.code),
            file,
            range: d.range,
            severity: severities[d.severity ?? 0],
            message: typeof d.message === 'string' ? d.message : d.message.value,
          });
      }
      assert.deepEqual(lines(lsp), lines(cli));
      assert.ok(cli.length > 0, 'the race beside the hostile part is found');
      // Still serving: a full rescan answers, and finds the same.
      const status = (await client.connection.sendRequest('timeoutChain/analyzeWorkspace')) as { state: string };
      assert.equal(status.state, 'ready');
      assert.equal(
        [...client.diagnostics.values()].reduce((n, list) => n + list.length, 0),
        cli.length,
      );
      assert.deepEqual(
        client.logs().filter((l) => /internal error|failed/i.test(l)),
        [],
        'no internal error in the server',
      );
    } finally {
      await client.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
}
