// Real repository layouts (test/support/realLayouts.ts) on disk, symbolic links included, through
// the CLI's analysis: exactly the findings expected, exactly the nginx files expected read.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { analyzeFolder } from '../../server/src/node/analyzeFolder';
import { layoutCases, writeLayoutCase } from '../support/realLayouts';

for (const layout of layoutCases) {
  test(layout.name, { timeout: 60_000 }, async (t) => {
    if (process.platform === 'win32' && layout.symlinks) return t.skip('symbolic links');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'timeout-chain-layout-'));
    try {
      writeLayoutCase(dir, layout);
      const result = await analyzeFolder(dir);
      assert.deepEqual(result.internalErrors, []);
      assert.deepEqual(result.settingsErrors, []);
      const relative = (file: string) => path.relative(dir, file).split(path.sep).join('/');
      const described = result.findings.map((f) => `${f.code} ${f.severity} ${relative(f.location.file)}: ${f.message}`);
      for (const expected of layout.expect) {
        const matching = result.findings.filter(
          (f) =>
            f.code === expected.code &&
            relative(f.location.file) === expected.file &&
            (!expected.severity || f.severity === expected.severity) &&
            (!expected.message || expected.message.test(f.message)),
        );
        assert.equal(
          matching.length,
          expected.count ?? 1,
          `${expected.code} on ${expected.file} ${expected.message ?? ''}:\n${described.join('\n')}`,
        );
      }
      if (layout.exact)
        assert.equal(
          result.findings.length,
          layout.expect.reduce((n, e) => n + (e.count ?? 1), 0),
          described.join('\n'),
        );
      assert.deepEqual(result.analysis.nginxFiles.map((f) => relative(f.path)).sort(), layout.nginxFiles);
      for (const finding of result.findings) assert.ok(!/template/.test(finding.message), `a template? ${finding.message}`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
}
