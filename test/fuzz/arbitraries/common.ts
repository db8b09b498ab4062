// Small arbitraries and text transforms the kinds share.
import * as fc from 'fast-check';

/** A value from the list, or absent (the directive or attribute is not written). */
export function maybe<T>(values: readonly T[]): fc.Arbitrary<T | undefined> {
  return fc.option(fc.constantFrom(...values), { nil: undefined, freq: 3 });
}

/** Absent, a sound value (three times in four) or a broken one: enough sound values that races, and their fixes, are common. */
export function mostly<T>(sound: readonly T[], broken: readonly T[]): fc.Arbitrary<T | undefined> {
  return fc.option(fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...sound) }, { weight: 1, arbitrary: fc.constantFrom(...broken) }), {
    nil: undefined,
    freq: 3,
  });
}

export type LineEnding = 'lf' | 'crlf' | 'cr' | 'mixed';
export const lineEnding: fc.Arbitrary<LineEnding> = fc.constantFrom('lf', 'crlf', 'cr', 'mixed');
/** What may start a file: nothing, a UTF-8 BOM (as read by readFileSync), two, or the swapped one. */
export const bom = fc.constantFrom('', '\uFEFF', '\uFEFF\uFEFF', '\uFFFE');

/** The text with its LF line ends made CRLF, CR, or a mix of the three. */
export function withLineEndings(text: string, ending: LineEnding): string {
  if (ending === 'lf') return text;
  if (ending === 'crlf') return text.replace(/\n/g, '\r\n');
  if (ending === 'cr') return text.replace(/\n/g, '\r');
  let i = 0;
  return text.replace(/\n/g, () => ['\n', '\r\n', '\r'][i++ % 3]);
}

/** Text fragments that matter to one of the readers: typed into otherwise sane files. */
export const fragments = [
  ';',
  '{',
  '}',
  '"',
  "'",
  '\\',
  '#',
  '$',
  '${',
  '}',
  '\n',
  '\r',
  '\r\n',
  ' ',
  '\t',
  '\0',
  '\uFEFF',
  '\uD800',
  '\uDC00',
  '\u2028',
  'é',
  'include conf.d/*.conf;',
  'include /etc/passwd;',
  'include ../../x;',
  'location / {',
  'if ($x) {',
  'proxy_pass http://app;',
  'keepalive_timeout 20d;',
  'keepalive 0;',
  'proxy_http_version 1.0;',
  'proxy_set_header Connection close;',
  'upstream app { server app:8080; }',
  '<',
  '>',
  '/',
  '&',
  '&#55;',
  '&#x37;',
  '&#0;',
  '&#xD800;',
  '&amp;',
  '&xxe;',
  '<!--',
  '-->',
  '<![CDATA[',
  ']]>',
  '=',
  ' port="8080"',
  ' connectionTimeout="${t}"',
  ' keepAliveTimeout="-1"',
  '<Connector port="8080"/>',
  '<!DOCTYPE x [<!ENTITY e "x">]>',
  '</Service>',
  'a=${b}',
  'b=${a}',
  '\\u00',
  '${a:-',
  ':-',
];

export interface Mutation {
  op: 'insert' | 'delete' | 'duplicate' | 'truncate' | 'replace';
  /** Offset, taken modulo the text's length + 1 (so that it shrinks towards the start). */
  at: number;
  length: number;
  text: string;
}

export const mutation: fc.Arbitrary<Mutation> = fc.record({
  op: fc.constantFrom('insert', 'delete', 'duplicate', 'truncate', 'replace'),
  at: fc.nat(),
  length: fc.nat({ max: 64 }),
  text: fc.oneof(fc.constantFrom(...fragments), fc.string({ maxLength: 8, unit: 'binary' })),
});

export function mutate(text: string, mutations: readonly Mutation[]): string {
  for (const m of mutations) {
    const at = m.at % (text.length + 1);
    const end = Math.min(text.length, at + m.length);
    if (m.op === 'insert') text = text.slice(0, at) + m.text + text.slice(at);
    else if (m.op === 'delete') text = text.slice(0, at) + text.slice(end);
    else if (m.op === 'duplicate') text = text.slice(0, end) + text.slice(at, end) + text.slice(end);
    else if (m.op === 'truncate') text = text.slice(0, at);
    else text = text.slice(0, at) + m.text + text.slice(end);
  }
  return text;
}

/** Sizes of large inputs: mostly tens to hundreds of KB, now and then a few MB. */
export const largeSize = fc.oneof(
  { weight: 8, arbitrary: fc.integer({ min: 16 * 1024, max: 256 * 1024 }) },
  { weight: 3, arbitrary: fc.integer({ min: 256 * 1024, max: 1024 * 1024 }) },
  { weight: 1, arbitrary: fc.integer({ min: 1024 * 1024, max: 4 * 1024 * 1024 }) },
);
