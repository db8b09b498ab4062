// A short seeded slice of the fuzz harness for `npm test`: every kind, bounded by input count and
// by wall time. The full runs are `npm run fuzz -- --runs N`.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { defaultOutDir, runFuzz } from './driver';
import { kinds } from './kinds';
import { report } from './report';

const seed = 20261125;

test('fuzz slice (seed 20261125, 20,000 inputs of every kind, at most 45 s): no throws, no violations, no hangs', async () => {
  const summary = await runFuzz({
    runs: 20_000,
    seed,
    workers: 2,
    maxSeconds: 45,
    maxFailuresPerKind: 3,
    shrinkMs: 5000,
    outDir: defaultOutDir(seed),
  });
  const text = report(summary);
  assert.equal(summary.total.throws + summary.total.violations + summary.total.hangs, 0, text);
  for (const kind of kinds) assert.ok((summary.byKind.get(kind.name)?.tried ?? 0) > 0, `no ${kind.name} input was tried\n${text}`);
});
