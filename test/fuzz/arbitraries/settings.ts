// timeout-chain.json texts: wrong types, huge and non-finite numbers, prefix maps out of the
// folder, links that match nothing, pathological exclude globs, misspelt keys, and broken JSON.
import * as fc from 'fast-check';
import { mutate, mutation } from './common';

/** Written as 1e999 (Infinity once parsed): JSON.stringify cannot say it. */
const huge = '__huge__';
const odd = [null, true, 0, -1, 1e308, -1e308, 5e-324, 2 ** 53 + 1, 1.5, '', 'x', '50', [], {}, [1], { a: 1 }, huge];
const anyOdd = fc.constantFrom(...odd);
const pick = <T>(values: readonly T[]) => fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...values) }, { weight: 1, arbitrary: anyOdd });

const excludes = [
  '**/node_modules/**',
  '[z-a]',
  '**/*a*a*a*a*a*a*a*a*b',
  '{a,b',
  '!(x)',
  '+(a|b)',
  '***',
  '\\',
  '',
  'nginx/**',
  'tomcat',
  '**',
  'nginx/conf.d/*.conf',
  '**/server.xml',
  '{' + 'a,'.repeat(500) + '}',
  '[' + 'a'.repeat(100),
];

const settingsValue = fc.record(
  {
    nginx: fc.oneof(
      fc.record(
        {
          version: pick(['1.24.0', '1.29.7', '1.29.6', '1.29.7.1', '9999999999999999999999.1', '-1.0', ' 1.2 ', '1', '1.', 'latest']),
          prefixMap: fc.oneof(
            fc.dictionary(
              fc.constantFrom('/etc/nginx', '/', '', '/etc/nginx/', '..', '/workspace', 'C:\\nginx', 'etc'),
              pick(['nginx', '.', '..', '../..', '/etc', '/', '']),
            ),
            anyOdd,
          ),
        },
        { requiredKeys: [] },
      ),
      anyOdd,
    ),
    links: fc.oneof(
      fc.array(
        fc.record(
          {
            upstream: pick(['app', 'api', 'nope']),
            server: pick(['app:8080', 'api:8081', 'x', 'app']),
            serverXml: pick(['tomcat/conf/server.xml', 'nope.xml', '../x', '/etc/passwd', '/workspace/tomcat/conf/server.xml']),
            port: pick([8080, 8081, 0, -1, 1e308, 8080.5, '8080', 2 ** 31]),
          },
          { requiredKeys: [] },
        ),
        { maxLength: 3 },
      ),
      anyOdd,
    ),
    exclude: fc.oneof(fc.array(pick(excludes), { maxLength: 3 }), anyOdd),
    fix: fc.oneof(
      fc.record(
        {
          upstreamMarginPercent: pick([50, 0, 1e308, 1e-308, 100000, 1e15, 2 ** 31]),
          upstreamMarginMinSeconds: pick([5, 0, 1e308, 1e9, 2 ** 31]),
          proxyMarginPercent: pick([10, 0, 100, 99.999, 1e308, 200]),
          proxyMarginMinSeconds: pick([1, 0, 1e308, 1e9, 3600]),
        },
        { requiredKeys: [] },
      ),
      anyOdd,
    ),
    exlude: anyOdd,
    'nginx.version': anyOdd,
  },
  { requiredKeys: [] },
);

/** Settings as text: sound JSON, JSON with a BOM, mutated JSON, or any JSON value at all. */
export const settingsText: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: settingsValue.map((v) => JSON.stringify(v).split(`"${huge}"`).join('1e999')) },
  { weight: 1, arbitrary: settingsValue.map((v) => '\uFEFF' + JSON.stringify(v, null, 2)) },
  {
    weight: 2,
    arbitrary: fc.tuple(settingsValue, fc.array(mutation, { minLength: 1, maxLength: 3 })).map(([v, ms]) => mutate(JSON.stringify(v), ms)),
  },
  { weight: 1, arbitrary: fc.json({ maxDepth: 4 }) },
);
