import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loweredProxyMs, raisedUpstreamMs } from '../../server/src/core/checks/keepalive-race/fixes';
import { defaultSettings } from '../../server/src/core/settings';

const margins = defaultSettings.fix;

test('the raise is at least max(nginx + 50 %, nginx + 5 s), in whole seconds', () => {
  const table: [number, number][] = [
    [60_000, 90_000], // the incident: 60 s -> 90 s
    [75_000, 113_000], // 112.5 s rounds up
    [5_000, 10_000], // +5 s beats +50 %
    [1_000, 6_000],
    [500, 6_000],
    [600_000, 900_000],
  ];
  for (const [nginx, expected] of table) assert.equal(raisedUpstreamMs(nginx, margins), expected, `nginx ${nginx} ms`);
});

test('the lowering is below the upstream by at least max(1 s, 10 %)', () => {
  const table: [number, number][] = [
    [7_000, 6_000], // the incident: 7 s -> 6 s
    [60_000, 54_000],
    [20_000, 18_000],
    [2_000, 1_000],
    [1_500, 750], // under 2 s there is no whole second left: half the upstream's
    [1_000, 500], // seen in the lab: 500 ms under Tomcat's 1 s gave no errors
    [1, 0], // nothing sensible is lower: no fix is offered
  ];
  for (const [upstream, expected] of table) assert.equal(loweredProxyMs(upstream, margins), expected, `upstream ${upstream} ms`);
});

test('margins are configurable', () => {
  assert.equal(raisedUpstreamMs(60_000, { ...margins, upstreamMarginPercent: 100 }), 120_000);
  assert.equal(loweredProxyMs(60_000, { ...margins, proxyMarginMinSeconds: 10 }), 50_000);
});
