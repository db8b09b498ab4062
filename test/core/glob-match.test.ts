// The glob matchers: glob(3) semantics for nginx includes, files.exclude semantics for
// exclusions, and no pattern that makes either run long.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { minimatch } from 'minimatch';
import { compilePathGlob, expandBraces, segmentMatcher } from '../../server/src/core/globMatch';

test('include segments as glob(3) reads them', () => {
  const cases: [string, string, boolean][] = [
    ['*.conf', 'a.conf', true],
    ['*.conf', '.hidden.conf', false],
    ['.*.conf', '.hidden.conf', true],
    ['a?c', 'abc', true],
    ['a?c', 'ac', false],
    ['[abc].conf', 'b.conf', true],
    ['[!abc].conf', 'b.conf', false],
    ['[^abc].conf', 'd.conf', true],
    ['[]a].conf', '].conf', true],
    ['[a-c]x', 'bx', true],
    ['[z-a].conf', 'z.conf', false], // a reversed range matches nothing (glibc), and throws nothing
    ['[z-a].conf', '[z-a].conf', false],
    ['[[:digit:]]*', '7up', true],
    ['[[:digit:]]*', 'up', false],
    ['[abc', '[abc', true], // no closing bracket: a literal "["
    ['\\*.conf', '*.conf', true],
    ['\\*.conf', 'a.conf', false],
    ['[\\]]', ']', true],
    ['a*b*c', 'aXbYc', true],
    ['a*b*c', 'aXbYcZ', false],
    ['*a*a*b', 'aaab', true],
  ];
  for (const [pattern, name, expected] of cases) assert.equal(segmentMatcher(pattern)(name), expected, `${pattern} on ${name}`);
});

test('a backtracking pattern against a long name answers at once (a regular expression took minutes)', () => {
  const pattern = '*a'.repeat(40) + 'b';
  const names = ['a'.repeat(60), 'a'.repeat(5000), 'a'.repeat(5000) + 'b'];
  assert.deepEqual(names.map(segmentMatcher(pattern)), [false, false, true]);
  const exclude = compilePathGlob('**/' + '*a'.repeat(40) + 'b/**');
  assert.ok(!('error' in exclude));
  assert.equal(exclude(`${'a'.repeat(60)}/${'a'.repeat(60)}/x`), false);
});

test('exclusion globs answer as minimatch (dot: true) on ordinary patterns', () => {
  const patterns = [
    '**/node_modules/**',
    '**/build/**',
    'other/*.conf',
    '**/*.{xml,conf}',
    'a/**/b',
    '**/.git',
    'src/[ab]*/x',
    '**/?.conf',
    'a/**',
    '*',
  ];
  const paths = [
    'node_modules/x',
    'a/node_modules/b/c',
    'build',
    'x/build/',
    'other/a.conf',
    'other/sub/a.conf',
    'a/b',
    'a/x/y/b',
    'a/x/y/bb',
    'q/.git',
    '.git',
    'src/alpha/x',
    'src/gamma/x',
    'z/c.conf',
    'z/cc.conf',
    'a',
    'a/',
    'r.xml',
    'deep/r.conf',
  ];
  for (const pattern of patterns) {
    const glob = compilePathGlob(pattern);
    assert.ok(!('error' in glob));
    for (const path of paths) assert.equal(glob(path), minimatch(path, pattern, { dot: true }), `${pattern} on ${path}`);
  }
});

test('brace alternatives are bounded; a pattern past the bound is refused, not expanded', () => {
  assert.deepEqual(expandBraces('a{b,c{d,e}}f', 100), ['abf', 'acdf', 'acef']);
  assert.deepEqual(expandBraces('{x}', 100), ['{x}']);
  assert.equal(expandBraces('{a,b}'.repeat(11), 1000), undefined);
  const refused = compilePathGlob('{a,b}'.repeat(11));
  assert.ok('error' in refused && /more than 1000/.test(refused.error));
});
