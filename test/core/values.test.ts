// Time, size and offset values exactly as ngx_parse_time, ngx_parse_size and ngx_parse_offset read
// them (each rejection below was confirmed against nginx 1.22.1 with `nginx -t`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  formatNginxTime,
  nginxIntProblem,
  parseNginxInt,
  parseNginxOffset,
  parseNginxSize,
  parseNginxTime,
} from '../../server/src/core/nginx/values';

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

test('spaces: between parts; after a bare number only another bare number may follow', () => {
  assert.equal(ms('30 '), 30_000);
  assert.equal(ms('1m 30'), 90_000);
  assert.equal(ms('1 2'), 3_000); // nginx adds them up
  for (const bad of [' 30s', '1 30s']) assert.match(String(ms(bad)), /^invalid/, bad);
});

test('limits: each part and the total fit in a signed 64-bit count of the directive unit', () => {
  assert.equal(typeof ms('106751991167d'), 'number');
  assert.match(String(ms('106751991168d')), /too large/);
  assert.equal(typeof ms('9223372036854775'), 'number');
  assert.match(String(ms('9223372036854776')), /too large/); // a bare number is seconds, times 1000
  assert.match(String(ms('1s 9223372036854774808ms')), /too large/);
  assert.equal(typeof ms('292471208677y', 's'), 'number');
  assert.match(String(ms('292471208678y', 's')), /too large/);
  assert.match(String(ms('1ms', 's')), /seconds, not milliseconds/);
});

const bytes = (r: ReturnType<typeof parseNginxSize>) => (r.ok ? r.bytes : `invalid: ${r.reason}`);

test('sizes: k K m M, no g; offsets add g G', () => {
  assert.equal(bytes(parseNginxSize('0')), 0);
  assert.equal(bytes(parseNginxSize('8k')), 8192);
  assert.equal(bytes(parseNginxSize('1M')), 1_048_576);
  assert.equal(bytes(parseNginxOffset('2G')), 2 * 1024 ** 3);
  assert.match(String(bytes(parseNginxSize('1g'))), /"g" is not allowed in this directive, only k or m/);
  for (const bad of ['', 'k', '1kb', '1.5m', '-1', '1 k', ' 1']) assert.match(String(bytes(parseNginxSize(bad))), /^invalid/, bad);
  for (const bad of ['1t', 'g', '1k ']) assert.match(String(bytes(parseNginxOffset(bad))), /^invalid/, bad);
});

test('size limits: the number before the suffix times the suffix fits in 63 bits', () => {
  assert.equal(typeof bytes(parseNginxSize('9007199254740991k')), 'number');
  assert.match(String(bytes(parseNginxSize('9007199254740992k'))), /too large/);
  assert.equal(typeof bytes(parseNginxOffset('8589934591g')), 'number');
  assert.match(String(bytes(parseNginxOffset('8589934592g'))), /too large/);
  assert.match(String(bytes(parseNginxSize('9223372036854775808'))), /too large/);
});

test('integers and formatting', () => {
  assert.equal(nginxIntProblem('9223372036854775807'), undefined);
  assert.match(String(nginxIntProblem('9223372036854775808')), /too large/);
  assert.match(String(nginxIntProblem('-1')), /digits only/);
  assert.equal(parseNginxInt('32'), 32);
  assert.equal(parseNginxInt('3x'), undefined);
  assert.equal(formatNginxTime(6_000), '6s');
  assert.equal(formatNginxTime(1_500), '1500ms');
});
