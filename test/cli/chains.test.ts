// `timeout-chain chains`: the seed incident's chain as text, as JSON valid against
// docs/chains.schema.json and as an HTML page with its race picture, a safe and a compose chain,
// and the command's own errors.
import { test } from 'node:test';
import { XMLValidator } from 'fast-xml-parser';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { layoutCases, writeLayoutCase } from '../support/realLayouts';
import { cli, repo } from '../support/cliRun';

const validate = new Ajv2020({ allErrors: true }).compile(JSON.parse(fs.readFileSync(path.join(repo, 'docs/chains.schema.json'), 'utf8')));

function chainsJson(dir: string) {
  const { status, stdout, stderr } = cli('chains', dir, '--format', 'json');
  assert.equal(status, 0, stderr);
  const report = JSON.parse(stdout) as unknown;
  assert.ok(validate(report), JSON.stringify(validate.errors));
  return report as { version: number; chains: Record<string, unknown>[] };
}

test('text: the seed incident as one chain, each hop on its line, the verdict last', () => {
  const { status, stdout } = cli('chains', 'examples/seed-incident');
  assert.equal(status, 0, 'chains reports, it does not judge: exit 0');
  assert.deepEqual(stdout.split('\n'), [
    'upstream app_backend (nginx/nginx.conf:12): nginx keeps idle connections 60s (keepalive_timeout unset, nginx default)',
    '  <- location / in server app.example.com (nginx/nginx.conf:22)',
    '  -> server 10.0.0.21:8080 (nginx/nginx.conf:13)',
    '       -> tomcat/conf/server.xml, Connector port 8080 (Service Catalina) (by port; tomcat/conf/server.xml:6): Tomcat closes idle connections after 7s (connectionTimeout, keepAliveTimeout unset); RACES: requests may get 502',
    '',
  ]);
});

test('json: the seed incident, valid against docs/chains.schema.json, with every value and place', () => {
  const report = chainsJson('examples/seed-incident');
  assert.equal(report.version, 1);
  assert.deepEqual(report.chains, [
    {
      upstream: 'app_backend',
      place: { file: 'nginx/nginx.conf', line: 12 },
      nginxIdleMs: 60_000,
      nginxIdleSource: 'keepalive_timeout unset, nginx default',
      reused: true,
      nginxVersion: 'nginx 1.29.7 or newer (assumed: timeoutChain.nginx.version is not set)',
      routes: [{ label: 'location / in server app.example.com', place: { file: 'nginx/nginx.conf', line: 22 } }],
      servers: [
        {
          address: '10.0.0.21:8080',
          place: { file: 'nginx/nginx.conf', line: 13 },
          backends: [
            {
              label: 'tomcat/conf/server.xml, Connector port 8080 (Service Catalina)',
              server: 'Tomcat',
              how: 'by port',
              idleMs: 7000,
              idleSource: 'connectionTimeout, keepAliveTimeout unset',
              place: { file: 'tomcat/conf/server.xml', line: 6 },
              verdict: 'fails',
              outcome: 'non-idempotent-fails',
            },
          ],
        },
      ],
    },
  ]);
});

/** A copy of the seed incident made safe: Tomcat keeps idle connections 90s, longer than nginx's 60s. */
function safeSeedCopy(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'timeout-chain-chains-'));
  fs.cpSync(path.join(repo, 'examples/seed-incident'), dir, { recursive: true });
  const xml = path.join(dir, 'tomcat/conf/server.xml');
  fs.writeFileSync(
    xml,
    fs.readFileSync(xml, 'utf8').replace('connectionTimeout="7000"', 'connectionTimeout="7000" keepAliveTimeout="90000"'),
  );
  return dir;
}

test('json: a safe pair and a compose link say so; nginx before 1.15.3 keeps connections until the server closes them', () => {
  const dir = safeSeedCopy();
  try {
    const safe = chainsJson(dir).chains[0] as { servers: { backends: { idleMs: number; verdict: string }[] }[] };
    assert.deepEqual([safe.servers[0].backends[0].idleMs, safe.servers[0].backends[0].verdict], [90_000, 'safe']);
    const old = cli('chains', dir, '--format', 'json', '--nginx-version', '1.14.2');
    const chain = (JSON.parse(old.stdout) as { chains: { nginxIdleMs: number | null; nginxIdleSource: string }[] }).chains[0];
    assert.deepEqual([chain.nginxIdleMs, chain.nginxIdleSource], [null, 'nginx 1.14.2 has no upstream keepalive_timeout']);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const layout = layoutCases.find((c) => c.name.includes('host.docker.internal:8081'))!;
  const compose = fs.mkdtempSync(path.join(os.tmpdir(), 'timeout-chain-chains-compose-'));
  try {
    writeLayoutCase(compose, layout);
    const text = cli('chains', compose).stdout;
    assert.match(text, /via compose service backend \(a published port\), port 8080/);
    chainsJson(compose);
  } finally {
    fs.rmSync(compose, { recursive: true, force: true });
  }
});

test('chains takes text, json or html only, and a folder', () => {
  const sarif = cli('chains', 'examples/seed-incident', '--format', 'sarif');
  assert.equal(sarif.status, 2);
  assert.match(sarif.stderr, /chains --format takes text, json or html, not "sarif"/);
  const none = cli('chains');
  assert.equal(none.status, 2);
  assert.match(none.stderr, /chains needs a folder/);
});

test('html: one self-contained page with every hop, the verdict and the race picture with its words', () => {
  const { status, stdout } = cli('chains', 'examples/seed-incident', '--format', 'html');
  assert.equal(status, 0);
  assert.match(stdout, /^<!DOCTYPE html>/);
  // Self-contained: nothing fetched, nothing run.
  assert.doesNotMatch(stdout, /<script|<link|<img|src=|@import|url\(http/i);
  assert.match(stdout, /1 upstream: 1 racing pair, 0 safe, 0 not judged/);
  const hops = [...stdout.matchAll(/<tr class="tc-hop tc-(\w+)/g)].map((m) => m[1]);
  assert.deepEqual(hops, ['location', 'upstream', 'server', 'backend']);
  assert.match(stdout, /data-file="tomcat\/conf\/server.xml" data-line="6"/);
  assert.match(stdout, /keeps idle connections <b>60s<\/b>/);
  assert.match(stdout, /Tomcat closes idle connections after <b>7s<\/b>/);
  assert.match(stdout, /tc-badge tc-fails">races: 502s likely/);
  const svgs = stdout.match(/<svg[\s\S]*?<\/svg>/g) ?? [];
  assert.equal(svgs.length, 1);
  assert.equal(XMLValidator.validate(svgs[0]), true);
  assert.match(
    stdout,
    /<figcaption>app_backend -&gt; tomcat\/conf\/server.xml, Connector port 8080 \(Service Catalina\): After the last response/,
  );
});

test('html: a safe pair gets its picture too, nginx closing first; names from the folder are escaped', () => {
  const dir = safeSeedCopy();
  try {
    const conf = path.join(dir, 'nginx/nginx.conf');
    fs.writeFileSync(conf, fs.readFileSync(conf, 'utf8').replace('server_name app.example.com;', 'server_name "<b>x</b>";'));
    const { stdout } = cli('chains', dir, '--format', 'html');
    assert.match(stdout, /tc-badge tc-safe">safe/);
    assert.match(stdout, /nginx closes it after 60s, before Tomcat would at 90s/);
    assert.doesNotMatch(stdout, /<b>x<\/b>/);
    assert.match(stdout, /&lt;b&gt;x&lt;\/b&gt;/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
