// Real repository layouts (test/support/realLayouts.ts) on disk, symbolic links included, through
// the CLI's analysis: exactly the findings expected, exactly the nginx files expected read.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { analyzeFolder } from '../../server/src/node/analyzeFolder';
import { linkSummaries } from '../../server/src/core/link';
import { assertFindings } from '../support/expectFindings';
import { layoutCases, writeLayoutCase } from '../support/realLayouts';
import { messageFault } from '../support/messages';

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
      assertFindings(result.findings, dir, layout.expect, layout.exact);
      assert.deepEqual(result.analysis.nginxFiles.map((f) => relative(f.path)).sort(), layout.nginxFiles);
      if (layout.links) {
        const printed = linkSummaries(result.analysis.links).map((l) => `${l.upstream} -> ${l.connector} (${l.how})`);
        assert.deepEqual(printed.sort(), layout.links);
      }
      for (const finding of result.findings) {
        assert.ok(!/template/.test(finding.message), `a template? ${finding.message}`);
        assert.equal(messageFault(finding), undefined, 'a short first sentence, details related (support/messages.ts)');
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
}
