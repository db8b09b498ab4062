// The kinds of input, each with its share of a run: most inputs small, large ones a minority, so
// that a million inputs take well under an hour on two cores.
import * as fc from 'fast-check';
import type { FuzzInput } from './input';
import { settingsFile } from './input';
import { corpusNginxInput, corpusTomcatInput } from './arbitraries/corpus';
import { globInput } from './arbitraries/glob';
import { longInput } from './arbitraries/long';
import { nestingInput } from './arbitraries/nesting';
import { tokenSoup } from './arbitraries/nginx';
import { bytesInput, racing, stringsInput } from './arbitraries/random';
import { settingsText } from './arbitraries/settings';
import { properties, serverXml, xmlAttack } from './arbitraries/tomcat';
import { lineEndingInput, workspaceInput } from './arbitraries/workspace';

export interface Kind {
  name: string;
  /** Share of a run's inputs, per thousand. */
  weight: number;
  /** Inputs per work unit handed to a worker: small for kinds whose inputs are large. */
  chunk: number;
  arbitrary: fc.Arbitrary<FuzzInput>;
  describe: string;
}

const upstream =
  'events {}\nhttp {\n    upstream app {\n        server app:8080;\n        keepalive 16;\n        keepalive_timeout 60s;\n    }\n    server { location / { proxy_pass http://app; } }\n}\n';

export const kinds: Kind[] = [
  {
    name: 'nginx-tokens',
    weight: 150,
    chunk: 2000,
    describe: 'nginx tokens, punctuation and noise in any order',
    arbitrary: tokenSoup.map((text) => ({
      kind: 'nginx-tokens',
      files: { 'nginx/nginx.conf': text, 'tomcat/conf/server.xml': racing['tomcat/conf/server.xml'] },
    })),
  },
  {
    name: 'corpus-nginx',
    weight: 150,
    chunk: 1000,
    describe: 'a real-world nginx file from the corpus, mutated',
    arbitrary: corpusNginxInput,
  },
  {
    name: 'corpus-tomcat',
    weight: 50,
    chunk: 1000,
    describe: 'a real-world server.xml (and properties) from the corpus, mutated',
    arbitrary: corpusTomcatInput,
  },
  { name: 'bytes', weight: 70, chunk: 2000, describe: 'random bytes as one file of a small workspace', arbitrary: bytesInput },
  {
    name: 'strings',
    weight: 70,
    chunk: 2000,
    describe: 'random strings (lone surrogates, NUL, BOMs) as one file',
    arbitrary: stringsInput,
  },
  {
    name: 'workspace',
    weight: 150,
    chunk: 1000,
    describe: 'whole workspaces: nginx files, server.xml, properties, settings',
    arbitrary: workspaceInput,
  },
  {
    name: 'line-endings',
    weight: 50,
    chunk: 1000,
    describe: 'workspaces with CRLF, CR or mixed line ends and BOMs',
    arbitrary: lineEndingInput,
  },
  {
    name: 'xml-attack',
    weight: 60,
    chunk: 1000,
    describe: 'entity bombs, external entities and DTDs, huge attributes, character references',
    arbitrary: xmlAttack.map((xml) => ({ kind: 'xml-attack', files: { 'nginx/nginx.conf': upstream, 'tomcat/conf/server.xml': xml } })),
  },
  {
    name: 'properties',
    weight: 60,
    chunk: 1000,
    describe: 'catalina.properties loops, chains and exponential expansions',
    arbitrary: fc.tuple(properties, serverXml).map(([props, xml]) => ({
      kind: 'properties',
      files: { 'nginx/nginx.conf': upstream, 'tomcat/conf/server.xml': xml, 'tomcat/conf/catalina.properties': props },
    })),
  },
  {
    name: 'glob',
    weight: 60,
    chunk: 1000,
    describe: 'glob, absolute and ../ includes, pathological patterns and malformed ranges',
    arbitrary: globInput,
  },
  {
    name: 'settings',
    weight: 60,
    chunk: 1000,
    describe: 'timeout-chain.json: bad JSON, wrong types, huge numbers, 1e308',
    arbitrary: settingsText.map((text) => ({ kind: 'settings', files: { ...racing, [settingsFile]: text } })),
  },
  {
    name: 'nesting',
    weight: 17,
    chunk: 100,
    describe: 'deep nesting: blocks, elements, includes, property defaults, JSON',
    arbitrary: nestingInput,
  },
  { name: 'long-token', weight: 3, chunk: 20, describe: 'one token, line or character repeated for 16 KB to 4 MB', arbitrary: longInput },
];

export function kindNamed(name: string): Kind {
  const kind = kinds.find((k) => k.name === name);
  if (!kind) throw new Error(`no fuzz kind ${name}; kinds: ${kinds.map((k) => k.name).join(', ')}`);
  return kind;
}
