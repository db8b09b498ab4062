// Inputs the fuzz harness found breaking the analysis, kept as tests: each runs through the same
// pipeline and properties as a fuzz input (no throw, no internal error, ranges inside their file,
// sound fixes), on a worker thread with the CLI's stack size, and fails if it takes over 20 s.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { settingsFile, type FuzzInput } from './input';
import { stackSizeMb } from './protocol';
import type { Outcome } from './run';

const upstream =
  'events {}\nhttp {\n    upstream app { server app:8080; keepalive 8; }\n    server { location / { proxy_pass http://app; } }\n}\n';
const tomcat = '<Server><Service name="S"><Connector port="8080" connectionTimeout="5000"/></Service></Server>\n';

function run(input: FuzzInput, limitMs = 20_000): Promise<Outcome> {
  const worker = new Worker(path.join(__dirname, 'fixtures', 'runOneWorker.js'), { workerData: input, resourceLimits: { stackSizeMb } });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => void worker.terminate().then(() => reject(new Error(`no answer after ${limitMs / 1000} s`))), limitMs);
    worker.once('message', (outcome: Outcome) => {
      clearTimeout(timer);
      void worker.terminate().then(() => resolve(outcome));
    });
    worker.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}

const cases: [string, Record<string, string>][] = [
  [
    'glob include *a*a*...*b beside a name of 60 a (backtracking hang)',
    {
      'nginx/nginx.conf': `events {}\nhttp {\n    include conf.d/${'*a'.repeat(14)}*b;\n}\n`,
      [`nginx/conf.d/${'a'.repeat(60)}`]: 'proxy_http_version 1.1;\n',
      'tomcat/conf/server.xml': tomcat,
    },
  ],
  [
    'glob include with the range [z-a] (invalid regular expression)',
    { 'nginx/nginx.conf': 'events {}\nhttp {\n    include conf.d/[z-a].conf;\n}\n', 'nginx/conf.d/a.conf': 'proxy_http_version 1.1;\n' },
  ],
  [
    '2,300 nested locations (stack overflow)',
    { 'nginx/nginx.conf': `events {}\nhttp {\nserver {\n${'location / {\n'.repeat(2300)}${'}'.repeat(2300)}\n}\n}\n` },
  ],
  ['100,000 nested locations, unclosed', { 'nginx/nginx.conf': `events {}\nhttp {\nserver {\n${'location / {\n'.repeat(100_000)}` }],
  [
    'a 64 KB exclude pattern (minimatch throws "pattern is too long")',
    { 'nginx/nginx.conf': upstream, 'tomcat/conf/server.xml': tomcat, [settingsFile]: JSON.stringify({ exclude: ['a'.repeat(65_537)] }) },
  ],
  ['200,000 semicolons, over 125,000 problems (push(...) overflows the stack)', { 'nginx/nginx.conf': ';'.repeat(200_000) }],
  ['server.xml "<?" (a syntax error without a column: NaN in the range)', { 'nginx/nginx.conf': upstream, 'tomcat/conf/server.xml': '<?' }],
  [
    'server.xml error at the end of a CRLF line (range ends between CR and LF)',
    { 'nginx/nginx.conf': upstream, 'tomcat/conf/server.xml': '<a\u23edb\r\n/>' },
  ],
  ['nginx token ending in a backslash before CRLF (range ends between CR and LF)', { 'nginx/nginx.conf': 'a\\\r\n;' }],
];

for (const [name, files] of cases) {
  test(`fuzz regression: ${name}: no throw, no violation, no hang`, async () => {
    const outcome = await run({ kind: 'regression', files });
    assert.equal(outcome.failure, undefined, outcome.failure && `${outcome.failure.stage}: ${outcome.failure.message}`);
  });
}
