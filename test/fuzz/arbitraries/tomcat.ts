// Tomcat text: server.xml with Connectors whose values race nginx's (or are broken), XML attacks
// (entity bombs, external entities and DTDs, huge attributes, character references), and
// catalina.properties with loops, chains and exponential expansions.
import * as fc from 'fast-check';
import { maybe, mostly } from './common';
import { ports } from './nginx';

const timeouts = ['7000', '20000', '120000', '-1', '${t}', '${t:-5000}', '&#55;000'];
const brokenTimeouts = [
  '0',
  '${missing}',
  '${a}',
  '&#x37;000',
  '&#0;',
  '&#xFFFFFFFF;',
  '&amp;',
  'abc',
  '2147483648',
  '1e3',
  '',
  ' 7000 ',
  '${t:-${u}}',
];

const connector = fc
  .record({
    port: fc.oneof(
      { weight: 6, arbitrary: fc.constantFrom(...ports).map(String) },
      { weight: 1, arbitrary: fc.constantFrom('${port}', '0', '-1', '99999', 'x', '&#56;080') },
    ),
    protocol: maybe(['HTTP/1.1', 'AJP/1.3', 'org.apache.coyote.http11.Http11NioProtocol', 'org.apache.coyote.http2.Http2Protocol']),
    connectionTimeout: mostly(timeouts, brokenTimeouts),
    keepAliveTimeout: mostly(timeouts, brokenTimeouts),
    maxKeepAliveRequests: maybe(['1', '100', '-1', '0']),
    selfClosing: fc.boolean(),
  })
  .map((c) => {
    const attributes = [`port="${c.port}"`];
    if (c.protocol) attributes.push(`protocol="${c.protocol}"`);
    if (c.connectionTimeout !== undefined) attributes.push(`connectionTimeout="${c.connectionTimeout}"`);
    if (c.keepAliveTimeout !== undefined) attributes.push(`keepAliveTimeout="${c.keepAliveTimeout}"`);
    if (c.maxKeepAliveRequests !== undefined) attributes.push(`maxKeepAliveRequests="${c.maxKeepAliveRequests}"`);
    return `    <Connector ${attributes.join('\n               ')}${c.selfClosing ? ' />' : '></Connector>'}\n`;
  });

export const serverXml: fc.Arbitrary<string> = fc
  .record({
    prolog: fc.constantFrom('<?xml version="1.0" encoding="UTF-8"?>\n', ''),
    services: fc.array(fc.array(connector, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 2 }),
  })
  .map(
    (x) =>
      `${x.prolog}<Server port="8005" shutdown="SHUTDOWN">\n${x.services.map((cs, i) => `  <Service name="S${i}">\n${cs.join('')}    <Engine name="E${i}" defaultHost="localhost"/>\n  </Service>\n`).join('')}</Server>\n`,
  );

export const properties: fc.Arbitrary<string> = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        't=90000',
        't=5000',
        'u=7000',
        'port=8080',
        'a=${b}',
        'b=${a}',
        'a=${a}',
        't=${t}',
        't=${u}',
        'u=${t}',
        't=${u:-8000}',
        't = 90000',
        't:90000',
        't 90000',
        't=\\u0039\\u0030000',
        't=\\uZZZZ',
        't=9\\',
        '0000',
        '! comment',
        '# comment',
        '${t}=1',
        't=${',
        't=$${t}',
        'a\\ b=1',
      ),
      fc
        .oneof({ weight: 9, arbitrary: fc.integer({ min: 1, max: 50 }) }, { weight: 1, arbitrary: fc.integer({ min: 50, max: 3000 }) })
        .map(chain),
      fc.integer({ min: 1, max: 60 }).map(doubling),
    ),
    { maxLength: 8 },
  )
  .map((lines) => lines.join('\n') + '\n');

/** t=${p1}, p1=${p2}, ..., pN=${t}: a loop N long. */
function chain(n: number): string {
  const lines = ['t=${p1}'];
  for (let i = 1; i < n; i++) lines.push(`p${i}=\${p${i + 1}}`);
  lines.push(`p${n}=\${t}`);
  return lines.join('\n');
}

/** d0=x, d1=${d0}${d0}, ... t=${dN}: a value 2^N long if expanded in full (the properties' billion laughs). */
function doubling(n: number): string {
  const lines = ['d0=7'];
  for (let i = 1; i <= n; i++) lines.push(`d${i}=\${d${i - 1}}\${d${i - 1}}`);
  lines.push(`t=\${d${n}}`);
  return lines.join('\n');
}

const entityBomb = fc.integer({ min: 1, max: 12 }).map((levels) => {
  const entities = ['<!ENTITY l0 "7777777777">'];
  for (let i = 1; i <= levels; i++) entities.push(`<!ENTITY l${i} "${`&l${i - 1};`.repeat(10)}">`);
  return `<?xml version="1.0"?>\n<!DOCTYPE Server [\n${entities.join('\n')}\n]>\n<Server><Service name="S"><Connector port="8080" connectionTimeout="&l${levels};"/>&l${levels};</Service></Server>\n`;
});

const external = fc.constantFrom(
  '<?xml version="1.0"?>\n<!DOCTYPE Server [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n<Server><Service name="S"><Connector port="8080" connectionTimeout="&xxe;"/>&xxe;</Service></Server>\n',
  '<?xml version="1.0"?>\n<!DOCTYPE Server SYSTEM "http://127.0.0.1:9/server.dtd">\n<Server><Service name="S"><Connector port="8080"/></Service></Server>\n',
  '<!DOCTYPE Server [<!ENTITY % p SYSTEM "file:///proc/self/environ"> %p;]>\n<Server/>\n',
  '<!DOCTYPE Server [<!ENTITY t "7000">]>\n<Server><Service name="S"><Connector port="8080" connectionTimeout="&t;"/></Service></Server>\n',
  '<!DOCTYPE Server [<!ENTITY a "&b;"><!ENTITY b "&a;">]>\n<Server><Service name="S"><Connector port="8080" connectionTimeout="&a;"/></Service></Server>\n',
  '<!DOCTYPE Server [<!ELEMENT Server ANY><!ATTLIST Connector connectionTimeout CDATA "1">]>\n<Server><Service name="S"><Connector port="8080"/></Service></Server>\n',
  '<Server><Service name="S"><Connector port="8080" port="8081" connectionTimeout=7000 keepAliveTimeout=\'5000\'/></Service></Server>',
  '<Server><Service name="S"><a:Connector xmlns:a="x" port="8080"/><![CDATA[<Connector port="8081"/>]]><?pi x?><!-- <Connector port="9000"/> --></Service></Server>',
  '<Server><Service name="S"><Connector port="8080" connectionTimeout="&#55;&#48;&#48;&#48;" keepAliveTimeout="&#x;&#;&#-1;&#99999999999;&#xD800;"/></Service></Server>',
  '<Server><Service name="S"><Connector port="8080" connectionTimeout="${t}"',
  '<Server><Service name="S"><Connector port="8080"/></Service></Server><Server/>',
  '<?xml version="1.1" encoding="UTF-16"?><Server/>',
);

/** A character reference, valid or not, in the connector's timeout. */
const characterReference = fc
  .oneof(fc.integer({ min: 0, max: 0x10ffff }), fc.constantFrom(0xd800, 0xdfff, 0xfffe, 2 ** 32, 2 ** 53))
  .chain((code) =>
    fc
      .constantFrom(`&#${code};`, `&#x${code.toString(16)};`, `&#X${code.toString(16)};`, `&#${code}`)
      .map(
        (ref) =>
          `<Server><Service name="S"><Connector port="8080" connectionTimeout="${ref}000" keepAliveTimeout="5${ref}"/></Service></Server>\n`,
      ),
  );

/** A long attribute value: up to 64 KB here, MBs in the long-token kind. */
export function hugeAttribute(size: fc.Arbitrary<number>): fc.Arbitrary<string> {
  return fc
    .tuple(size, fc.constantFrom('7', ' ', '&#55;', '&amp;', '${t}', '"', '<'))
    .map(
      ([size, unit]) =>
        `<Server><Service name="S"><Connector port="8080" connectionTimeout="${unit.repeat(Math.ceil(size / unit.length))}"/></Service></Server>\n`,
    );
}

export const xmlAttack: fc.Arbitrary<string> = fc.oneof(
  entityBomb,
  external,
  characterReference,
  hugeAttribute(fc.integer({ min: 1, max: 64 * 1024 })),
);
