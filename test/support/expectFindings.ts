// The findings a workspace written to a folder must give: each expected one as many times as
// said, and with `exact`, none beyond them. Shared by the hostile and real-layout tests.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import type { Finding } from '../../server/src/core/types';
import type { ExpectedHostileFinding } from './hostileCases';

export function assertFindings(findings: Finding[], dir: string, expect: ExpectedHostileFinding[], exact = false): void {
  const relative = (file: string) => path.relative(dir, file).split(path.sep).join('/');
  const described = findings.map((f) => `${f.code} ${f.severity} ${relative(f.location.file)}: ${f.message}`);
  for (const expected of expect) {
    const matching = findings.filter(
      (f) =>
        f.code === expected.code &&
        relative(f.location.file) === expected.file &&
        (!expected.severity || f.severity === expected.severity) &&
        (!expected.message || expected.message.test(f.message)) &&
        (!expected.related || f.related.some((r) => expected.related!.test(r.message))),
    );
    assert.equal(
      matching.length,
      expected.count ?? 1,
      `${expected.code} on ${expected.file} ${expected.message ?? ''} ${expected.related ?? ''}:\n${described.join('\n')}`,
    );
  }
  if (exact)
    assert.equal(
      findings.length,
      expect.reduce((n, e) => n + (e.count ?? 1), 0),
      described.join('\n'),
    );
}
