// Hostile workspaces (test/support/hostileCases.ts) on disk, through the CLI's analysis: each
// finishes, throws nothing, keeps the race beside it, and quotes nothing it must not.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { analyzeFolder } from '../../server/src/node/analyzeFolder';
import { assertFindings } from '../support/expectFindings';
import { hostileCases, writeHostileCase } from '../support/hostileCases';

for (const hostile of hostileCases) {
  // The timeout only catches a hang (the glob bomb took minutes before): speed is the benchmark's.
  test(hostile.name, { timeout: 60_000 }, async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'timeout-chain-hostile-'));
    try {
      writeHostileCase(dir, hostile);
      const result = await analyzeFolder(dir);
      assert.deepEqual(result.internalErrors, []);
      assertFindings(result.findings, dir, hostile.expect, hostile.exact);
      const said = result.findings.flatMap((f) => [f.message, ...f.related.map((r) => r.message)]).join('\n');
      for (const secret of hostile.neverQuoted ?? []) assert.ok(!said.includes(secret), `a message quotes ${secret}`);
      for (const finding of result.findings)
        assert.ok(
          path.relative(dir, finding.location.file).split(path.sep)[0] !== '..',
          `a finding outside the folder: ${finding.location.file}`,
        );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
}
