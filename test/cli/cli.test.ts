// The CLI as users run it: the package's own bin on real folders.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { layoutCases, writeLayoutCase } from '../support/realLayouts';
import { bin, cli, repo } from '../support/cliRun';

const example = path.join(repo, 'examples/seed-incident');

test('text: both sides of the seed incident, the links, exit status 1', () => {
  const { status, stdout } = cli('check', 'examples/seed-incident');
  assert.equal(status, 1);
  assert.match(
    stdout,
    /^examples\/seed-incident\/nginx\/nginx\.conf:12:5: warning \[keepalive-race\] Tomcat closes idle connections after 7s, nginx keeps them 60s: POSTs may get 502$/m,
  );
  // Where each value comes from and what nginx retries: the related lines under it.
  assert.match(stdout, /^ {4}examples\/seed-incident\/tomcat\/conf\/server\.xml:6:35: .*connectionTimeout, keepAliveTimeout unset/m);
  assert.match(stdout, /^ {4}examples\/seed-incident\/nginx\/nginx\.conf:12:5: .*keepalive_timeout unset, nginx default$/m);
  assert.match(stdout, /^ {4}examples\/seed-incident\/nginx\/nginx\.conf:22:13: .*proxy_next_upstream lacks non_idempotent/m);
  assert.match(
    stdout,
    /^examples\/seed-incident\/tomcat\/conf\/server\.xml:6:35: warning \[keepalive-race\] upstream app_backend keeps idle connections 60s, Tomcat closes them after 7s: POSTs may get 502$/m,
  );
  assert.match(stdout, /fix \(preferred\): Set Tomcat keepAliveTimeout to 90000 ms \(longer than nginx's 60s\)/);
  assert.match(
    stdout,
    /upstream app_backend, server 10\.0\.0\.21:8080 -> tomcat\/conf\/server\.xml, Connector port 8080 \(Service Catalina\) \(by port\)/,
  );
  assert.match(stdout, /0 errors, 2 warnings/);
});

test('json: findings with relative paths, ranges and fixes', () => {
  const { status, stdout } = cli('check', example, '--format', 'json');
  assert.equal(status, 1);
  const report = JSON.parse(stdout);
  assert.deepEqual(report.files, {
    nginx: ['nginx/nginx.conf'],
    tomcat: ['tomcat/conf/server.xml'],
    springboot: [],
    'php-fpm': [],
    python: [],
    nodejs: [],
    go: [],
    apache: [],
    uwsgi: [],
  });
  assert.deepEqual(
    report.findings.map((f: { code: string; location: { file: string } }) => [f.code, f.location.file]),
    [
      ['keepalive-race', 'nginx/nginx.conf'],
      ['keepalive-race', 'tomcat/conf/server.xml'],
    ],
  );
  assert.equal(report.findings[1].fixes[0].edits[0].file, 'tomcat/conf/server.xml');
});

test('sarif: SARIF 2.1.0 with rules, 1-based regions, related locations and fixes', () => {
  const { status, stdout } = cli('check', example, '--format', 'sarif');
  assert.equal(status, 1);
  const log = JSON.parse(stdout);
  assert.equal(log.version, '2.1.0');
  const run = log.runs[0];
  assert.ok(run.tool.driver.rules.some((r: { id: string }) => r.id === 'keepalive-race'));
  const results = run.results as {
    ruleId: string;
    level: string;
    locations: { physicalLocation: { artifactLocation: { uri: string }; region: Record<string, number> } }[];
    relatedLocations: unknown[];
    fixes: unknown[];
  }[];
  assert.equal(results.length, 2);
  const tomcat = results.find((r) => r.locations[0].physicalLocation.artifactLocation.uri === 'tomcat/conf/server.xml')!;
  assert.equal(tomcat.ruleId, 'keepalive-race');
  assert.equal(tomcat.level, 'warning');
  assert.deepEqual(tomcat.locations[0].physicalLocation.region, { startLine: 6, startColumn: 35, endLine: 6, endColumn: 39 });
  assert.equal(tomcat.relatedLocations.length, 3); // nginx's value, Tomcat's, what nginx retries
  assert.equal(tomcat.fixes.length, 2);
});

test('--nginx-version before 1.29.7 changes nothing for the example (it sets keepalive, HTTP/1.1 and Connection "")', () => {
  type Reported = { code: string; severity: string; location: unknown; related: unknown; fixes: { edits: unknown }[] };
  const findings = (...extra: string[]) => {
    const run = cli('check', example, '--format', 'json', ...extra);
    assert.equal(run.status, 1, run.stderr);
    // Messages name the version assumed; what is found, where, and how to fix it must not change.
    return (JSON.parse(run.stdout).findings as Reported[]).map((f) => ({
      code: f.code,
      severity: f.severity,
      location: f.location,
      related: f.related,
      fixes: f.fixes.map((x) => x.edits),
    }));
  };
  const newest = findings();
  assert.equal(newest.length, 2);
  assert.deepEqual(findings('--nginx-version', '1.22.1'), newest);
});

test('settings: invalid JSON stops with exit 2 naming the file and position; an unusable entry is an error (exit 1)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'timeout-chain-cli-'));
  fs.writeFileSync(path.join(dir, 'nginx.conf'), 'events {}\n');
  fs.writeFileSync(path.join(dir, 'timeout-chain.json'), '{\n  "fix": { "upstreamMarginPercent": 50, }\n}\n');
  const invalid = cli('check', dir);
  assert.equal(invalid.status, 2);
  assert.match(invalid.stderr, /timeout-chain\.json:2:41: timeout-chain\.json is not valid JSON/);
  assert.doesNotMatch(invalid.stderr, /\n\s+at /, 'no stack trace');
  fs.writeFileSync(path.join(dir, 'timeout-chain.json'), '{\n  "fix": { "upstreamMarginPercent": 1e308 },\n  "exclud": []\n}\n');
  const unusable = cli('check', dir, '--format', 'json');
  assert.equal(unusable.status, 1, unusable.stderr);
  type Reported = { code: string; severity: string; message: string; location: { file: string; range: { start: { line: number } } } };
  const reported = (JSON.parse(unusable.stdout).findings as Reported[]).sort(
    (a, b) => a.location.range.start.line - b.location.range.start.line,
  );
  assert.deepEqual(
    reported.map((f) => [f.code, f.severity, f.location.file, f.location.range.start.line]),
    [
      ['settings', 'error', 'timeout-chain.json', 1],
      ['settings', 'error', 'timeout-chain.json', 2],
    ],
  );
  assert.match(reported[1].message, /unknown setting "exclud": did you mean "exclude"\?/);
  fs.rmSync(dir, { recursive: true, force: true });
});

test('--output into a missing folder: exit 2 with a message, no stack trace', () => {
  const run = cli('check', example, '--output', path.join(os.tmpdir(), 'timeout-chain-no-such-folder', 'report.sarif'));
  assert.equal(run.status, 2);
  assert.match(run.stderr, /cannot write .*report\.sarif: its folder does not exist/);
  assert.doesNotMatch(run.stderr, /\n\s+at /);
});

test('a clean folder exits 0; usage errors exit 2', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'timeout-chain-cli-'));
  fs.mkdirSync(path.join(dir, 'conf'));
  fs.writeFileSync(
    path.join(dir, 'conf/server.xml'),
    '<Server><Service name="s"><Connector port="8080" keepAliveTimeout="90000"/></Service></Server>',
  );
  fs.writeFileSync(
    path.join(dir, 'nginx.conf'),
    'events {}\nhttp { upstream a { server x:8080; } server { location / { proxy_pass http://a; } } }\n',
  );
  const clean = cli('check', dir);
  assert.equal(clean.status, 0, clean.stdout + clean.stderr);
  assert.match(clean.stdout, /No problems found/);
  assert.equal(cli('check').status, 2);
  assert.equal(cli('check', dir, '--format', 'xml').status, 2);
  assert.equal(cli('check', path.join(dir, 'missing')).status, 2);
  assert.equal(cli('lint', dir).status, 2);
  fs.rmSync(dir, { recursive: true, force: true });
});

test('text: a compose repository says how each link was made and which nginx version its image assumes', () => {
  const layout = layoutCases.find((c) => c.name.includes('host.docker.internal:8081'))!;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'timeout-chain-cli-compose-'));
  try {
    writeLayoutCase(dir, layout);
    const { status, stdout } = cli('check', dir);
    assert.equal(status, 1);
    const summary = stdout.slice(stdout.indexOf('\nRead ') + 1).split('\n');
    assert.deepEqual(summary.slice(0, 5), [
      `Read 2 nginx files and 2 Tomcat server.xmls under ${path.relative(repo, dir)}.`,
      'nginx version 1.30, from nginx:stable-alpine: follows the stable branch 1.30.x (1.30.0 on 2026-04-14) (assumed); the image of compose service proxy in docker-compose.yml.',
      'Linked 1 upstream server:',
      '    upstream backend_pool, server host.docker.internal:8081 -> backend/conf/server.xml, Connector port 8080 (Service Catalina) (via compose service backend (a published port), port 8080)',
      '0 errors, 2 warnings, 0 notes.',
    ]);
    // The first sentence of each message says the outcome; the assumption comes after it.
    for (const line of stdout.split('\n').filter((l) => l.includes('[keepalive-race]')))
      assert.ok(!/assumed/.test(line.split('502 Bad Gateway')[0]), line);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('text: an upstream on the AJP port is a warning on both sides, each line pointing at the other', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'timeout-chain-ajp-'));
  try {
    fs.mkdirSync(path.join(dir, 'nginx'));
    fs.mkdirSync(path.join(dir, 'tomcat/conf'), { recursive: true });
    fs.writeFileSync(
      path.join(dir, 'nginx/nginx.conf'),
      'events {}\nhttp {\n    upstream app {\n        server tomcat:8009;\n    }\n    server {\n        location / {\n            proxy_pass http://app;\n        }\n    }\n}\n',
    );
    fs.writeFileSync(
      path.join(dir, 'tomcat/conf/server.xml'),
      '<Server>\n  <Service name="Catalina">\n    <Connector port="8009" protocol="AJP/1.3" />\n  </Service>\n</Server>\n',
    );
    const { status, stdout } = spawnSync(process.execPath, [bin, 'check', '.'], { cwd: dir, encoding: 'utf8' });
    assert.equal(status, 1);
    const lines = stdout.split('\n');
    const nginxSide = lines.indexOf(
      'nginx/nginx.conf:4:16: warning [ajp-port] nginx speaks HTTP to port 8009, where Tomcat listens for AJP only: every request gets 502',
    );
    assert.ok(nginxSide >= 0, stdout);
    assert.match(lines[nginxSide + 1], /^ {4}tomcat\/conf\/server\.xml:3:6: .*Connector port 8009 .* speaks AJP\/1\.3 here/);
    const tomcatSide = lines.indexOf(
      'tomcat/conf/server.xml:3:6: warning [ajp-port] nginx proxies HTTP to this AJP connector (port 8009): every request gets 502',
    );
    assert.ok(tomcatSide >= 0, stdout);
    assert.match(
      lines[tomcatSide + 1],
      /^ {4}nginx\/nginx\.conf:4:16: nginx sends HTTP to port 8009 here \(upstream app, server tomcat:8009\)$/,
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('an upstream nginx reuses that links nothing: a note (exit 0) in every format, listed in the summary; its fix links it', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'timeout-chain-cli-'));
  fs.mkdirSync(path.join(dir, 'conf'));
  fs.writeFileSync(
    path.join(dir, 'conf/server.xml'),
    '<Server><Service name="s"><Connector port="8080" keepAliveTimeout="90000"/></Service></Server>',
  );
  // nginx reaches a published 8081; Tomcat listens on 8080 in its container. Reused by default (1.29.7+).
  fs.writeFileSync(
    path.join(dir, 'nginx.conf'),
    'events {}\nhttp {\n    upstream api { server api:8081; }\n    server { location / { proxy_pass http://api; } }\n}\n',
  );
  const relative = path.relative(repo, dir);
  const text = cli('check', dir);
  assert.equal(text.status, 0, text.stdout + text.stderr);
  assert.match(
    text.stdout,
    new RegExp(
      `^${relative}/nginx\\.conf:3:27: info \\[unlinked-upstream\\] nginx reuses connections to api:8081 for 60s; no backend configuration found for it\\.`,
      'm',
    ),
  );
  assert.match(text.stdout, /^ {4}fix: Link upstream api to conf\/server\.xml port 8080$/m);
  assert.match(text.stdout, /^Not linked, though nginx reuses connections to them .*:\n {4}upstream api, server api:8081\n/m);
  assert.match(text.stdout, /^0 errors, 0 warnings, 1 note\.$/m);

  const json = cli('check', dir, '--format', 'json');
  assert.equal(json.status, 0);
  const report = JSON.parse(json.stdout);
  assert.deepEqual(report.unlinked, ['upstream api, server api:8081']);
  const [fix] = report.findings[0].fixes;
  assert.deepEqual(fix.createsFiles, ['timeout-chain.json']);
  assert.deepEqual(
    fix.edits.map((e: { file: string }) => e.file),
    ['timeout-chain.json'],
  );

  const sarif = cli('check', dir, '--format', 'sarif');
  assert.equal(sarif.status, 0);
  const [result] = JSON.parse(sarif.stdout).runs[0].results;
  assert.equal(result.ruleId, 'unlinked-upstream');
  assert.equal(result.level, 'note');
  assert.equal(result.fixes[0].artifactChanges[0].artifactLocation.uri, 'timeout-chain.json');

  // What the fix writes, written: linked by the setting, nothing left to say.
  fs.writeFileSync(path.join(dir, 'timeout-chain.json'), fix.edits[0].newText);
  const linked = cli('check', dir);
  assert.equal(linked.status, 0, linked.stdout + linked.stderr);
  assert.match(
    linked.stdout,
    /upstream api, server api:8081 -> conf\/server\.xml, Connector port 8080 \(Service s\) \(from links setting\)/,
  );
  assert.doesNotMatch(linked.stdout, /Not linked/);
  assert.match(linked.stdout, /No problems found/);
  fs.rmSync(dir, { recursive: true, force: true });
});
