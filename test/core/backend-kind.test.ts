// A backend kind added by a test alone: a "toy" server reading toy.conf (`port=9000`,
// `idle=5000`), registered through the same list the registry exports. Linking, keepalive-race,
// its fixes, the hover and the JSON report take it with no other change.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { Workspace } from '../../server/src/core/workspace';
import { backendKinds } from '../../server/src/core/backends';
import { defineBackendKind, type BackendFile } from '../../server/src/core/backends/kind';
import type { BackendEndpoint } from '../../server/src/core/backends/endpoint';
import { LineIndex } from '../../server/src/core/text';
import { defaultSettings } from '../../server/src/core/settings';
import { endpointHoverAt } from '../../server/src/core/navigation';
import { jsonReport } from '../../server/src/cli/report';
import { abs, applyEdits, memoryHost, root } from '../support/memoryWorkspace';

// --- The kind: what a backends/toy/ folder would hold. ---

interface ToySetting {
  value: number;
  /** The digits after `=`. */
  span: { start: number; end: number };
}

interface ToyFile extends BackendFile {
  settings: Map<string, ToySetting>;
}

function parseToy(file: string, text: string): ToyFile {
  const settings = new Map<string, ToySetting>();
  for (const match of text.matchAll(/^(\w+)=(\d+)$/gm)) {
    const start = match.index + match[1].length + 1;
    settings.set(match[1], { value: Number(match[2]), span: { start, end: start + match[2].length } });
  }
  return { path: file, text, lines: new LineIndex(text), problems: [], settings };
}

/** Toy's idle timeout when toy.conf does not say. */
const toyDefaultIdleMs = 30_000;

function toyEndpoints(file: ToyFile, rootDir: string): BackendEndpoint[] {
  const port = file.settings.get('port');
  const idle = file.settings.get('idle');
  const relative = path.relative(rootDir, file.path).split(path.sep).join('/');
  const whole = { start: 0, end: file.text.length };
  return [
    {
      kind: 'toy',
      serverName: 'Toy',
      noun: 'listener',
      label: `${relative} port ${port?.value ?? 'unset'}`,
      key: `${file.path}:0`,
      file,
      span: whole,
      nameSpan: port?.span ?? { start: 0, end: 0 },
      port: port?.value,
      hosts: [],
      protocol: 'http',
      keepsAlive: true,
      idle: {
        ms: idle?.value ?? toyDefaultIdleMs,
        never: false,
        origin: idle ? 'written' : 'default',
        setting: idle ? 'idle' : undefined,
        description: idle ? 'idle' : 'Toy default',
        assumed: idle ? undefined : { versions: 'all', source: 'toy(1)' },
        path: file.path,
        span: idle?.span ?? { start: 0, end: 0 },
      },
      raise: {
        setting: 'Toy idle',
        maxMs: 1_000_000,
        edits: (ms, locate) => {
          const at = locate(file.path, idle?.span ?? { start: file.text.length, end: file.text.length });
          return at && [{ ...at, newText: idle ? String(ms) : `idle=${ms}\n` }];
        },
      },
    },
  ];
}

const toyKind = defineBackendKind<ToyFile, BackendFile>({
  id: 'toy',
  serverName: 'Toy',
  endpointNoun: 'listener',
  fileName: 'toy.conf',
  filesNoun: 'toy.conf',
  fileNames: ['toy.conf'],
  companionNames: [],
  syntaxCheck: 'xml-syntax', // a reader failure (a bug) is listed under an existing check id
  parse: parseToy,
  companions: () => [],
  parseCompanion: parseToy,
  endpoints: (file, _companions, rootDir) => toyEndpoints(file, rootDir),
});

// --- The registry line: the registered kinds plus the toy. ---

const kinds = [...backendKinds, toyKind];

const nginx = [
  'events {}',
  'http {',
  '    upstream toys {',
  '        server toy:9000;',
  '        keepalive 8;',
  '    }',
  '    server { location / { proxy_pass http://toys; } }',
  '}',
  '',
].join('\n');
const toyConf = 'port=9000\nidle=5000\n';

function analyze(files: Record<string, [kind: string, text: string]>) {
  const texts = new Map(Object.entries(files).map(([rel, [, text]]) => [abs(rel), text]));
  const workspace = new Workspace(root, memoryHost(texts), defaultSettings, undefined, { backendKinds: kinds });
  for (const [rel, [kind, text]] of Object.entries(files)) workspace.setFile(abs(rel), kind, text);
  return workspace.analyze();
}

test('a toy listener is linked by port and raced by keepalive-race', () => {
  const result = analyze({ 'nginx/nginx.conf': ['nginx', nginx], 'toy/toy.conf': ['toy', toyConf] });
  assert.deepEqual(
    result.analysis.links.map((l) => `${l.server.address.value} -> ${l.endpoint.label} (${l.via})`),
    ['toy:9000 -> toy/toy.conf port 9000 (port)'],
  );
  const races = result.findings.filter((f) => f.code === 'keepalive-race');
  assert.deepEqual(
    races.map((f) => [path.relative(root, f.location.file), f.severity]),
    [
      ['nginx/nginx.conf', 'warning'],
      ['toy/toy.conf', 'warning'],
    ],
  );
  assert.equal(races[0].message, 'Toy closes idle connections after 5s, nginx keeps them 60s: POSTs may get 502');
  assert.equal(races[1].message, 'upstream toys keeps idle connections 60s, Toy closes them after 5s: POSTs may get 502');
  // Where each value comes from, in the kind's own words, is the related information's.
  assert.ok(races[0].related.some((r) => r.message === 'Toy closes idle connections after 5s here: idle (toy/toy.conf port 9000)'));
  assert.ok(races[1].related.some((r) => r.message.includes('upstream toys for 60s here: keepalive_timeout unset, nginx default')));
  assert.deepEqual(
    races[0].fixes.map((f) => f.title),
    ["Set Toy idle to 90000 ms (longer than nginx's 60s)", "Lower nginx upstream keepalive_timeout to 4s (shorter than Toy's 5s)"],
  );
});

test('the raise edits toy.conf where idle is written, and the race is gone', () => {
  const result = analyze({ 'nginx/nginx.conf': ['nginx', nginx], 'toy/toy.conf': ['toy', toyConf] });
  const [raise] = result.findings.find((f) => f.code === 'keepalive-race')!.fixes;
  assert.deepEqual(
    raise.edits.map((e) => path.relative(root, e.file)),
    ['toy/toy.conf'],
  );
  const fixed = applyEdits(toyConf, raise.edits);
  assert.equal(fixed, 'port=9000\nidle=90000\n');
  const after = analyze({ 'nginx/nginx.conf': ['nginx', nginx], 'toy/toy.conf': ['toy', fixed] });
  assert.deepEqual(
    after.findings.filter((f) => f.code === 'keepalive-race'),
    [],
  );
});

test('the hover and the JSON report show the toy kind by its own words', () => {
  const result = analyze({ 'nginx/nginx.conf': ['nginx', nginx], 'toy/toy.conf': ['toy', toyConf] });
  const hover = endpointHoverAt(result.analysis, abs('toy/toy.conf'), 0);
  assert.match(hover ?? '', /^\*\*Races:\*\* Toy closes after 5s, nginx keeps 60s: POSTs may get 502\n/);
  assert.match(hover ?? '', /^→ server toy:9000 → toy\/toy\.conf port 9000: Toy closes after 5s \(idle\)$/m);
  const report = JSON.parse(jsonReport(result)) as { files: Record<string, string[]> };
  assert.deepEqual(report.files, {
    nginx: ['nginx/nginx.conf'],
    tomcat: [],
    springboot: [],
    'php-fpm': [],
    python: [],
    nodejs: [],
    go: [],
    apache: [],
    uwsgi: [],
    toy: ['toy/toy.conf'],
  });
});

test('Tomcat and the toy side by side: each upstream reaches its own kind', () => {
  const both = nginx.replace(
    '    server {',
    '    upstream cats {\n        server tomcat:8080;\n    }\n    server { location /cats { proxy_pass http://cats; } }\n    server {',
  );
  const result = analyze({
    'nginx/nginx.conf': ['nginx', both],
    'toy/toy.conf': ['toy', toyConf],
    'tomcat/conf/server.xml': [
      'tomcat',
      '<Server><Service name="Catalina"><Connector port="8080" connectionTimeout="7000"/></Service></Server>',
    ],
  });
  assert.deepEqual(
    result.analysis.links.map((l) => `${l.upstream.name} -> ${l.endpoint.kind}`),
    ['toys -> toy', 'cats -> tomcat'],
  );
  assert.deepEqual(
    result.findings.filter((f) => f.code === 'keepalive-race').map((f) => f.message.match(/(Tomcat|Toy) closes/)?.[1]),
    ['Toy', 'Toy', 'Tomcat', 'Tomcat'],
  );
});
