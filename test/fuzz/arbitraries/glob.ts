// Glob includes: patterns nginx expands with glob(3), pathological ones (`*a*a*a*...b` beside a
// long name of a's), malformed ranges, absolute and `../` paths out of the folder.
import * as fc from 'fast-check';
import type { FuzzInput } from '../input';
import { settingsFile } from '../input';

const brackets = [
  '[z-a]',
  '[a-z]',
  '[!a]',
  '[^a]',
  '[]',
  '[',
  ']',
  '[]]',
  '[!]',
  '[a-]',
  '[-a]',
  '[\\]]',
  '[[:alpha:]]',
  '[a-z',
  '[\\',
  '[!-]',
  '[--z]',
  '[\uFFFF-\u0000]',
];
const outside = [
  '/etc/passwd',
  '/proc/self/environ',
  '/etc/*',
  '/usr/*/*/*/*.conf',
  '../*',
  '../../etc/passwd',
  'conf.d/../../x',
  '/workspace/nginx/conf.d/*',
  '/etc/nginx/conf.d/*.conf',
  '',
  '.',
  '..',
  '/',
  'conf.d/',
  '*',
  '**',
  'conf.d/**/*.conf',
  '~/x',
  '$var/*',
  '/dev/zero',
  '/dev/stdin',
];
const globChars = ['*', '?', '[', ']', '!', '^', '-', 'a', 'b', 'z', '\\', '/', '.', '..', '{', ','];

const pattern = fc.oneof(
  { weight: 3, arbitrary: fc.integer({ min: 1, max: 16 }).map((k) => `conf.d/${'*a'.repeat(k)}*b`) },
  {
    weight: 3,
    arbitrary: fc.tuple(fc.constantFrom(...brackets), fc.constantFrom('', '.conf', '*')).map(([b, tail]) => `conf.d/${b}${tail}`),
  },
  { weight: 3, arbitrary: fc.constantFrom(...outside) },
  { weight: 3, arbitrary: fc.array(fc.constantFrom(...globChars), { minLength: 1, maxLength: 16 }).map((cs) => `conf.d/${cs.join('')}`) },
  {
    weight: 2,
    arbitrary: fc.constantFrom('conf.d/*.conf', 'conf.d/?.conf', 'conf.d/[ab].conf', 'conf.d/*', 'conf.d/.*', '*/*.conf', 'conf.d/a*'),
  },
);

/** File names beside the pattern: long runs of `a` (what `*a*a...b` backtracks on) and glob characters. */
const name = fc.oneof(
  fc.tuple(fc.integer({ min: 1, max: 64 }), fc.constantFrom('', 'b', 'c', '.conf')).map(([k, tail]) => 'a'.repeat(k) + tail),
  fc
    .array(fc.constantFrom('a', 'b', 'z', '.', '-', '[', ']', '!', '^', '*', '?', '\\', 'é'), { minLength: 1, maxLength: 8 })
    .map((cs) => cs.join(''))
    .filter((n) => !/^\.+$/.test(n)),
  fc.constantFrom('.hidden.conf', 'a.conf', 'b.conf', '[z-a].conf'),
);

export const globInput: fc.Arbitrary<FuzzInput> = fc
  .record({
    patterns: fc.array(pattern, { minLength: 1, maxLength: 3 }),
    names: fc.uniqueArray(name, { maxLength: 6 }),
    quote: fc.constantFrom('', '"', "'"),
    prefixMap: fc.boolean(),
  })
  .map(({ patterns, names, quote, prefixMap }): FuzzInput => {
    const files: Record<string, string> = {
      'nginx/nginx.conf': `events {}\nhttp {\n${patterns.map((p) => `    include ${quote}${p}${quote};\n`).join('')}    upstream app { server app:8080; keepalive 8; }\n    server { location / { proxy_pass http://app; } }\n}\n`,
      'tomcat/conf/server.xml': '<Server><Service name="S"><Connector port="8080" connectionTimeout="5000"/></Service></Server>\n',
    };
    for (const n of names) files[`nginx/conf.d/${n}`] = 'proxy_http_version 1.1;\n';
    if (prefixMap) files[settingsFile] = JSON.stringify({ nginx: { prefixMap: { '/etc/nginx': 'nginx', '/': '.' } } });
    return { kind: 'glob', files };
  });
