// The server's edit debounce: the first change after a quiet spell is analysed at once, a burst
// of changes costs one analysis per burst window, and no request is ever dropped.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Scheduler } from '../../server/src/lsp/scheduler';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

test('the first request runs on the next tick, not after the burst window', async () => {
  let runs = 0;
  const scheduler = new Scheduler(() => runs++, 500);
  scheduler.request();
  assert.equal(runs, 0, 'never inside the request itself');
  await sleep(20);
  assert.equal(runs, 1);
});

test('a burst of requests is one run, and a request right after a run waits for the window', async () => {
  let runs = 0;
  const scheduler = new Scheduler(() => runs++, 300);
  for (let i = 0; i < 50; i++) scheduler.request();
  await sleep(20);
  assert.equal(runs, 1, 'fifty requests in one tick: one run');
  scheduler.request();
  scheduler.request();
  await sleep(50);
  assert.equal(runs, 1, 'within the window after a run: still waiting');
  await sleep(400);
  assert.equal(runs, 2, 'the waiting requests ran together once the window passed');
});
