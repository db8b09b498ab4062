// Compose interpolation (the specification's table) and `.env` syntax (the compose docs' examples).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { interpolate, readDotEnv } from '../../server/src/core/deployment/interpolate';

const vars = new Map([
  ['SET', 'value'],
  ['EMPTY', ''],
  ['FOO', 'foo'],
]);
const value = (text: string) => interpolate(text, vars).value;

test('the specification’s table: set, empty and unset variables', () => {
  const rows = ['${SET}', '${EMPTY}', '${NONE}'].map(value);
  assert.deepEqual(rows, ['value', '', '']);
  const forms = [':-default', '-default', ':+replacement', '+replacement'];
  assert.deepEqual(
    forms.map((form) => ['SET', 'EMPTY', 'NONE'].map((v) => value(`\${${v}${form}}`))),
    [
      ['value', 'default', 'default'],
      ['value', '', 'default'],
      ['replacement', '', ''],
      ['replacement', 'replacement', ''],
    ],
  );
  assert.deepEqual(interpolate('${EMPTY:?need it}', vars), { value: '', unset: [], required: ['EMPTY: need it'] });
  assert.deepEqual(interpolate('${EMPTY?need it}', vars), { value: '', unset: [], required: [] });
  assert.deepEqual(interpolate('${NONE?need it}', vars), { value: '', unset: ['NONE'], required: ['NONE: need it'] });
});

test('unbraced names, $$, nesting, and what is not a variable', () => {
  assert.equal(value('$SET/$FOO.conf'), 'value/foo.conf');
  assert.equal(value('$$VAR_NOT_INTERPOLATED_BY_COMPOSE'), '$VAR_NOT_INTERPOLATED_BY_COMPOSE');
  assert.equal(value('${NONE:-${FOO}}'), 'foo');
  assert.equal(value('${NONE:-${ALSO_NONE:-default}}'), 'default');
  assert.equal(value('${NONE?$FOO}'), '');
  assert.equal(value('price: 5$ or $1'), 'price: 5$ or $1');
  assert.deepEqual(interpolate('nginx:${TAG}', vars).unset, ['TAG']);
});

test('.env syntax, by the compose docs’ examples', () => {
  const text = [
    '# comment',
    '',
    'A=VAL',
    'B="VAL"',
    "C='VAL'",
    'D: VAL',
    'E = VAL  ',
    'F=VAL # comment',
    'G=VAL# not a comment',
    'H="VAL # not a comment"',
    'I="VAL" # comment',
    "J='$OTHER'",
    "K='Let\\'s go!'",
    'L="{\\"hello\\": \\"json\\"}"',
    'M="some\\tvalue"',
    "N='some\\tvalue'",
    'O=some\\tvalue',
    "P='SOME",
    "VALUE'",
    'Q=${A}-${MISSING:-x}',
    'export R=exported',
    'FROM_THE_SHELL',
    'not a line',
  ].join('\n');
  const { variables, bad } = readDotEnv(text);
  assert.deepEqual(Object.fromEntries(variables), {
    A: 'VAL',
    B: 'VAL',
    C: 'VAL',
    D: 'VAL',
    E: 'VAL',
    F: 'VAL',
    G: 'VAL# not a comment',
    H: 'VAL # not a comment',
    I: 'VAL',
    J: '$OTHER',
    K: "Let's go!",
    L: '{"hello": "json"}',
    M: 'some\tvalue',
    N: 'some\\tvalue',
    O: 'some\\tvalue',
    P: 'SOME\nVALUE',
    Q: 'VAL-x',
    R: 'exported',
  });
  assert.deepEqual(bad, [{ line: 22, text: 'not a line' }]);
});
