// Long inputs: one token, one line or one character repeated for tens of KB to a few MB, in each
// of the files the tool reads (the 16 MB cases are in bench/pathological.ts, not here).
import * as fc from 'fast-check';
import type { FuzzInput } from '../input';
import { settingsFile } from '../input';
import { largeSize } from './common';
import { hugeAttribute } from './tomcat';

const upstream = 'events {}\nhttp {\nupstream app { server app:8080; keepalive 8; }\nserver { location / { proxy_pass http://app; } }\n}\n';
const serverXml = '<Server><Service name="S"><Connector port="8080" connectionTimeout="5000"/></Service></Server>\n';

/** `n` pseudo-random bytes from `seed` (xorshift: fast-check would draw MBs one value at a time). */
export function randomBytes(seed: number, n: number): Buffer {
  const bytes = Buffer.allocUnsafe(n);
  let x = seed | 1;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    bytes[i] = x & 0xff;
  }
  return bytes;
}

const nginxUnits = [';', '{', '}', 'a', '"', '#', '$', '\\', '\n', '\r', '\r\n', 'a;', '${', 'location / {}', 'server_name a'];

const nginxLong = fc
  .record({
    n: largeSize,
    unit: fc.constantFrom(...nginxUnits),
    prefix: fc.constantFrom(
      '',
      'server_name ',
      '"',
      '#',
      'include ',
      'proxy_pass http://',
      'http { server { location / { proxy_pass http://app; ',
    ),
  })
  .map(({ n, unit, prefix }): FuzzInput => ({
    kind: 'long-token',
    files: {
      'nginx/nginx.conf': prefix + unit.repeat(Math.ceil(n / unit.length)) + ';\n',
      'nginx/conf.d/up.conf': upstream,
      'tomcat/conf/server.xml': serverXml,
    },
  }));

const nginxRandom = fc
  .record({ n: largeSize, seed: fc.integer(), encoding: fc.constantFrom<BufferEncoding>('utf8', 'latin1') })
  .map(({ n, seed, encoding }): FuzzInput => ({
    kind: 'long-token',
    files: { 'nginx/nginx.conf': randomBytes(seed, n).toString(encoding), 'tomcat/conf/server.xml': serverXml },
  }));

const xmlLong = fc
  .oneof(
    hugeAttribute(largeSize),
    fc
      .record({ n: largeSize, unit: fc.constantFrom('7', '<', '&', '<!--', 'x', '\n', '"') })
      .map(
        ({ n, unit }) =>
          `<Server><Service name="S"><Connector port="8080">${unit.repeat(Math.ceil(n / unit.length))}</Connector></Service></Server>\n`,
      ),
  )
  .map((xml): FuzzInput => ({ kind: 'long-token', files: { 'nginx/nginx.conf': upstream, 'tomcat/conf/server.xml': xml } }));

const propertiesLong = fc.record({ n: largeSize, form: fc.constantFrom('t=9', 'a', '\\', 't=${', '\n') }).map(({ n, form }): FuzzInput => ({
  kind: 'long-token',
  files: {
    'nginx/nginx.conf': upstream,
    'tomcat/conf/server.xml': '<Server><Service name="S"><Connector port="8080" connectionTimeout="${t}"/></Service></Server>\n',
    'tomcat/conf/catalina.properties': form + form.slice(-1).repeat(n),
  },
}));

const settingsLong = fc
  .record({ n: largeSize, unit: fc.constantFrom('a', '*', '{a,', '[', '**/'), key: fc.constantFrom('exclude', 'prefixMap', 'version') })
  .map(({ n, unit, key }): FuzzInput => {
    const long = unit.repeat(Math.ceil(n / unit.length));
    const settings =
      key === 'exclude'
        ? { exclude: [long] }
        : key === 'prefixMap'
          ? { nginx: { prefixMap: { [long]: 'nginx' } } }
          : { nginx: { version: long } };
    return {
      kind: 'long-token',
      files: { 'nginx/nginx.conf': upstream, 'tomcat/conf/server.xml': serverXml, [settingsFile]: JSON.stringify(settings) },
    };
  });

export const longInput: fc.Arbitrary<FuzzInput> = fc.oneof(
  { weight: 6, arbitrary: nginxLong },
  { weight: 2, arbitrary: nginxRandom },
  { weight: 3, arbitrary: xmlLong },
  { weight: 2, arbitrary: propertiesLong },
  { weight: 2, arbitrary: settingsLong },
);
