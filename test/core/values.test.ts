// Time values exactly as ngx_parse_time reads them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatNginxTime, parseNginxInt, parseNginxTime } from '../../server/src/core/nginx/values';

const ms = (text: string, unit: 'ms' | 's' = 'ms') => {
  const r = parseNginxTime(text, unit);
  return r.ok ? r.ms : `invalid: ${r.reason}`;
};

test('units, combinations and a bare number in seconds', () => {
  assert.equal(ms('60'), 60_000);
  assert.equal(ms('500ms'), 500);
  assert.equal(ms('1h30m'), 5_400_000);
  assert.equal(ms('1m 30s'), 90_000);
  assert.equal(ms('2d'), 172_800_000);
  assert.equal(ms('1w'), 604_800_000);
  assert.equal(ms('1s500ms'), 1_500);
});

test('rejections: units out of order, repeated, months and years where milliseconds are kept', () => {
  for (const bad of ['1s1h', '1s1s', '1M', '1y', 'abc', '', '1.5s', '-1', '1x']) assert.match(String(ms(bad)), /^invalid/, bad);
  assert.equal(ms('1M', 's'), 2_592_000_000);
  assert.equal(ms('1y', 's'), 31_536_000_000);
});

test('integers and formatting', () => {
  assert.equal(parseNginxInt('32'), 32);
  assert.equal(parseNginxInt('3x'), undefined);
  assert.equal(formatNginxTime(6_000), '6s');
  assert.equal(formatNginxTime(1_500), '1500ms');
});
