// The fuzz harness's own parts: the range property it checks, and the watchdog that turns an
// input that never finishes into a reported hang instead of a stuck run.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { regenerate } from './chunk';
import { runPool } from './pool';
import type { FoundFailure } from './protocol';
import { LineLengths } from './ranges';

test('LineLengths: ranges past a line end, past the last line, reversed or NaN are outside; LF, CRLF and CR end lines', () => {
  const lines = new LineLengths('ab\r\ncd\ref\ng');
  const at = (line: number, character: number) => ({ line, character });
  assert.equal(lines.outside({ start: at(0, 0), end: at(0, 2) }), undefined);
  assert.equal(lines.outside({ start: at(1, 2), end: at(3, 1) }), undefined);
  assert.match(lines.outside({ start: at(0, 3), end: at(0, 3) }) ?? '', /past the end of line 0/);
  assert.match(lines.outside({ start: at(4, 0), end: at(4, 0) }) ?? '', /past the last line/);
  assert.match(lines.outside({ start: at(1, 1), end: at(1, 0) }) ?? '', /start after end/);
  assert.match(lines.outside({ start: at(0, NaN), end: at(0, 1) }) ?? '', /bad position/);
});

test('an input that never finishes is reported as a hang with its input, and the run still ends', async () => {
  const chunk = { id: 0, kind: 'nginx-tokens', seed: 7, numRuns: 1, skip: 0, deadline: 0, shrinkMs: 0 };
  const hangs: FoundFailure[] = [];
  const started = Date.now();
  await runPool(
    [chunk],
    1,
    { figures: () => {}, failure: (found, how) => how === 'hang' && hangs.push(found), stopped: () => false },
    path.join(__dirname, 'fixtures', 'hangingWorker.js'),
  );
  assert.equal(hangs.length, 1);
  assert.equal(hangs[0].failure.stage, 'hang');
  assert.deepEqual(hangs[0].input, regenerate('nginx-tokens', 7, '0'));
  assert.ok(Date.now() - started < 20_000, `the watchdog took ${Date.now() - started} ms`);
});
