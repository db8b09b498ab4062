// Random bytes and random strings (lone surrogates, NUL, BOMs, every plane) as one of the files,
// beside a small sound workspace the random file can break or join.
import * as fc from 'fast-check';
import type { FuzzInput } from '../input';
import { settingsFile } from '../input';

/** A workspace that races: nginx keeps idle connections 60 s by default, Tomcat closes them after 5 s. */
export const racing: Record<string, string> = {
  'nginx/nginx.conf':
    'events {}\nhttp {\n    include conf.d/*.conf;\n    upstream app {\n        server app:8080;\n        keepalive 16;\n    }\n    server {\n        location / {\n            proxy_pass http://app;\n        }\n    }\n}\n',
  'tomcat/conf/server.xml':
    '<?xml version="1.0"?>\n<Server port="8005">\n  <Service name="Catalina">\n    <Connector port="8080" protocol="HTTP/1.1" connectionTimeout="${t}"/>\n  </Service>\n</Server>\n',
  'tomcat/conf/catalina.properties': 't=5000\n',
};

const target = fc.constantFrom(
  'nginx/nginx.conf',
  'nginx/conf.d/x.conf',
  'tomcat/conf/server.xml',
  'tomcat/conf/catalina.properties',
  settingsFile,
  'other/site.conf',
);

function place(kind: string, file: string, text: string): FuzzInput {
  return { kind, files: { ...racing, [file]: text } };
}

export const bytesInput: fc.Arbitrary<FuzzInput> = fc
  .tuple(target, fc.uint8Array({ maxLength: 4096 }), fc.constantFrom<BufferEncoding>('utf8', 'latin1'))
  .map(([file, bytes, encoding]) => place('bytes', file, Buffer.from(bytes).toString(encoding)));

const anyCodeUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));
const special = fc.constantFrom(
  '\0',
  '\uFEFF',
  '\uD800',
  '\uDFFF',
  '\r',
  '\n',
  '\u2028',
  '\u0085',
  '{',
  '}',
  ';',
  '<',
  '>',
  '&',
  '$',
  '"',
  '\\',
  '\uD83D\uDE00',
);

export const stringsInput: fc.Arbitrary<FuzzInput> = fc
  .tuple(
    target,
    fc.oneof(fc.string({ unit: 'binary', maxLength: 2048 }), fc.string({ unit: fc.oneof(anyCodeUnit, special), maxLength: 2048 })),
  )
  .map(([file, text]) => place('strings', file, text));
