// Deep nesting: blocks in blocks (nginx), elements in elements (XML), includes of includes,
// property defaults in defaults, JSON in JSON. Depths mostly small, some past where a recursive
// reader overflows the stack (a few thousand), now and then 100,000.
import * as fc from 'fast-check';
import type { FuzzInput } from '../input';
import { settingsFile } from '../input';

const depth = fc.oneof(
  { weight: 16, arbitrary: fc.integer({ min: 1, max: 200 }) },
  { weight: 8, arbitrary: fc.integer({ min: 200, max: 5000 }) },
  { weight: 2, arbitrary: fc.integer({ min: 5000, max: 30000 }) },
  { weight: 1, arbitrary: fc.constant(100_000) },
);

/** How many of the opened blocks are closed: none, all, more than all, half. */
const closing = fc.constantFrom('none', 'all', 'extra', 'half');

function closers(n: number, how: string): number {
  return how === 'none' ? 0 : how === 'all' ? n : how === 'extra' ? n + 3 : Math.floor(n / 2);
}

const upstreamAndXml = {
  'nginx/conf.d/up.conf': 'upstream app {\n    server app:8080;\n    keepalive 16;\n}\n',
  'tomcat/conf/server.xml': '<Server><Service name="S"><Connector port="8080" connectionTimeout="5000"/></Service></Server>\n',
};

const nginxBlocks = fc
  .record({
    n: depth,
    how: closing,
    unit: fc.constantFrom(
      'location / {\n',
      'if ($x) {',
      'location /a {',
      '{',
      'server {',
      'http {',
      'upstream app {',
      'limit_except GET {',
    ),
  })
  .map(({ n, how, unit }): FuzzInput => ({
    kind: 'nesting',
    files: {
      ...upstreamAndXml,
      'nginx/nginx.conf': `events {}\nhttp {\ninclude conf.d/up.conf;\nserver {\n${unit.repeat(n)}proxy_pass http://app;\n${'}'.repeat(closers(n, how))}\n}\n}\n`,
    },
  }));

const includeChain = fc.record({ n: fc.integer({ min: 1, max: 3000 }), cycle: fc.boolean() }).map(({ n, cycle }): FuzzInput => {
  const files: Record<string, string> = {
    ...upstreamAndXml,
    'nginx/nginx.conf': 'events {}\nhttp {\ninclude conf.d/up.conf;\ninclude chain/f0.conf;\n}\n',
  };
  for (let i = 0; i < n; i++)
    files[`nginx/chain/f${i}.conf`] =
      i + 1 < n
        ? `include chain/f${i + 1}.conf;\n`
        : cycle
          ? 'include chain/f0.conf;\n'
          : 'server { location / { proxy_pass http://app; } }\n';
  return { kind: 'nesting', files };
});

const xmlElements = fc
  .record({
    n: depth,
    how: closing,
    unit: fc.constantFrom('<a>', '<Service name="S">', '<Connector port="8080">', '<a x="1">', '<Engine>'),
  })
  .map(({ n, how, unit }): FuzzInput => {
    const close = unit.replace(/^<(\w+).*$/, '</$1>');
    return {
      kind: 'nesting',
      files: {
        'nginx/nginx.conf':
          'events {}\nhttp {\nupstream app { server app:8080; keepalive 8; }\nserver { location / { proxy_pass http://app; } }\n}\n',
        'tomcat/conf/server.xml': `<Server><Service name="S">${unit.repeat(n)}<Connector port="8080" connectionTimeout="5000"/>${close.repeat(closers(n, how))}</Service></Server>\n`,
      },
    };
  });

const propertyDefaults = fc.integer({ min: 1, max: 5000 }).map((n): FuzzInput => ({
  kind: 'nesting',
  files: {
    ...upstreamAndXml,
    'tomcat/conf/server.xml': `<Server><Service name="S"><Connector port="8080" connectionTimeout="${'${a:-'.repeat(n)}7000${'}'.repeat(n)}"/></Service></Server>\n`,
    'tomcat/conf/catalina.properties': 'b=1\n',
  },
}));

const jsonSettings = depth.map((n): FuzzInput => ({
  kind: 'nesting',
  files: {
    ...upstreamAndXml,
    [settingsFile]: `{"nginx": ${'{"prefixMap": '.repeat(n)}{}${'}'.repeat(n)}, "exclude": ${'['.repeat(n)}${']'.repeat(n)}}`,
  },
}));

export const nestingInput: fc.Arbitrary<FuzzInput> = fc.oneof(
  { weight: 4, arbitrary: nginxBlocks },
  { weight: 1, arbitrary: includeChain },
  { weight: 3, arbitrary: xmlElements },
  { weight: 1, arbitrary: propertyDefaults },
  { weight: 1, arbitrary: jsonSettings },
);
