// Real-world configurations from ../shared/corpus (read in place, never copied into the
// repository), mutated, beside a counterpart that links and races so that fixes apply to them.
// Without a corpus the example workspace stands in.
import * as fc from 'fast-check';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { corpus } from '../../corpus/location';
import type { FuzzInput } from '../input';
import { mutate, mutation } from './common';

const repoRoot = path.resolve(__dirname, '../../../..');

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}

const cache = new Map<string, string[]>();

/** The texts of a corpus folder (read once per process), or of the example's files of that kind. */
function texts(folder: 'nginx' | 'tomcat' | 'spring'): string[] {
  let found = cache.get(folder);
  if (!found) {
    let files = filesUnder(path.join(corpus, folder));
    if (files.length === 0)
      files = filesUnder(path.join(repoRoot, 'examples')).filter((f) =>
        folder === 'nginx' ? f.endsWith('.conf') : folder === 'tomcat' ? f.endsWith('.xml') : false,
      );
    found = files.map((f) => fs.readFileSync(f, 'utf8'));
    if (found.length === 0) found = [''];
    cache.set(folder, found);
  }
  return found;
}

const pickText = (folder: 'nginx' | 'tomcat' | 'spring') => fc.nat().map((i) => texts(folder)[i % texts(folder).length]);
const mutations = fc.array(mutation, { maxLength: 6 });

const shortTomcat = (port: number) => `<Server><Service name="S"><Connector port="${port}" connectionTimeout="3000"/></Service></Server>\n`;

export const corpusNginxInput: fc.Arbitrary<FuzzInput> = fc
  .record({
    text: pickText('nginx'),
    mutations,
    place: fc.constantFrom('nginx/nginx.conf', 'nginx/conf.d/a.conf', 'sites-enabled/default'),
    port: fc.constantFrom(80, 8080, 3000, 9000),
  })
  .map(({ text, mutations, place, port }): FuzzInput => ({
    kind: 'corpus-nginx',
    files: {
      [place]: mutate(text, mutations),
      ...(place === 'nginx/conf.d/a.conf' ? { 'nginx/nginx.conf': 'events {}\nhttp {\n    include conf.d/*.conf;\n}\n' } : {}),
      'tomcat/conf/server.xml': shortTomcat(port),
    },
  }));

export const corpusTomcatInput: fc.Arbitrary<FuzzInput> = fc
  .record({ xml: pickText('tomcat'), mutations, properties: fc.option(fc.tuple(pickText('spring'), mutations), { nil: undefined }) })
  .map(({ xml, mutations, properties }): FuzzInput => ({
    kind: 'corpus-tomcat',
    files: {
      'nginx/nginx.conf':
        'events {}\nhttp {\n    upstream app {\n        server app:8080;\n        server app:8009;\n        server app:8443;\n        keepalive 8;\n    }\n    server { location / { proxy_pass http://app; } }\n}\n',
      'tomcat/conf/server.xml': mutate(xml, mutations),
      ...(properties ? { 'tomcat/conf/catalina.properties': mutate(...properties) } : {}),
    },
  }));
