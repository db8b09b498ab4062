// One diagnostic per place: findings of one check at one range merge, naming every upstream they
// concern, with related information and fixes united (identical edits once), and kept across
// analyses like any other finding.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { analyzeFiles, applyEdits, root } from '../support/memoryWorkspace';
import { liveWorkspace } from '../support/liveWorkspace';
import { mergeFindings } from '../../server/src/core/checks/merge';
import type { Finding } from '../../server/src/core/types';

const xml = 'tomcat/conf/server.xml';
const tomcat = '<Server>\n  <Service name="Catalina">\n    <Connector port="8080" connectionTimeout="7000" />\n  </Service>\n</Server>\n';
const upstream = (name: string, timeout?: string) =>
  `upstream ${name} {\n    server 10.0.0.21:8080;\n    keepalive 16;\n${timeout ? `    keepalive_timeout ${timeout};\n` : ''}}\n`;
const site = (names: string[]) =>
  `server {\n    listen 80;\n    proxy_http_version 1.1;\n    proxy_set_header Connection "";\n${names.map((n) => `    location /${n}/ { proxy_pass http://${n}; }\n`).join('')}}\n`;
const nginx = (upstreams: string) => `events {}\nhttp {\n${upstreams}${site(['u1', 'u2', 'u3', 'u4', 'u5'])}}\n`;

const fiveUpstreams = {
  'nginx/nginx.conf': nginx(['u1', 'u2', 'u3', 'u4', 'u5'].map((n) => upstream(n)).join('')),
  [xml]: tomcat,
};

const rel = (f: Finding) => path.relative(root, f.location.file);

test('five upstreams racing one connector: one finding on the connector naming them, five on nginx', () => {
  const races = analyzeFiles(fiveUpstreams).findings.filter((f) => f.code === 'keepalive-race');
  const onTomcat = races.filter((f) => rel(f) === xml);
  assert.equal(onTomcat.length, 1);
  assert.equal(races.filter((f) => rel(f) === 'nginx/nginx.conf').length, 5);
  const [merged] = onTomcat;
  assert.equal(merged.message, 'upstreams u1, u2 and 3 more keep idle connections 60s, Tomcat closes them after 7s: POSTs may get 502');
  // Every upstream is named, each at its place, in the related information.
  for (const name of ['u1', 'u2', 'u3', 'u4', 'u5'])
    assert.equal(
      merged.related.filter((r) => r.message.startsWith(`nginx keeps idle connections to upstream ${name} for 60s here`)).length,
      1,
      name,
    );
  // Tomcat's own line is said once, not five times.
  assert.equal(merged.related.filter((r) => r.message.startsWith('Tomcat closes idle connections after 7s here')).length, 1);
  // The raise is one edit; the lowering lowers every upstream in one fix.
  assert.deepEqual(
    merged.fixes.map((f) => [f.title, f.edits.length]),
    [
      ["Set Tomcat keepAliveTimeout to 90000 ms (longer than nginx's 60s)", 1],
      ["Lower nginx upstream keepalive_timeout to 6s (shorter than Tomcat's 7s)", 5],
    ],
  );
  const lowering = merged.fixes[1];
  const lowered = applyEdits(fiveUpstreams['nginx/nginx.conf'], lowering.edits);
  assert.equal(lowered.match(/keepalive_timeout 6s;/g)?.length, 5);
  const after = analyzeFiles({ ...fiveUpstreams, 'nginx/nginx.conf': lowered }).findings.filter((f) => f.code === 'keepalive-race');
  assert.deepEqual(after, [], 'one fix ends every race at the connector');
});

test('merged upstreams with different timeouts: the range, and the raise beats the longest', () => {
  const files = { 'nginx/nginx.conf': nginx(upstream('u1', '30s') + upstream('u2', '60s')), [xml]: tomcat };
  const [merged] = analyzeFiles(files).findings.filter((f) => f.code === 'keepalive-race' && rel(f) === xml);
  assert.equal(merged.message, 'upstreams u1 and u2 keep idle connections 30s to 60s, Tomcat closes them after 7s: POSTs may get 502');
  assert.equal(merged.fixes[0].title, "Set Tomcat keepAliveTimeout to 90000 ms (longer than nginx's 60s)");
});

test('a merged finding is the same object while its parts are, and a new one when one changes', () => {
  const live = liveWorkspace(fiveUpstreams);
  const onTomcat = () => live.workspace.analyze().findings.find((f) => f.code === 'keepalive-race' && rel(f) === xml)!;
  const first = onTomcat();
  assert.equal(onTomcat(), first, 'unchanged: the same merged finding');
  live.put('nginx/other.conf', '# not included anywhere\n');
  assert.equal(onTomcat(), first, 'an unrelated file: still the same');
  const text = live.current()['nginx/nginx.conf'];
  live.put(
    'nginx/nginx.conf',
    text.replace('upstream u5 {\n    server 10.0.0.21:8080;\n', 'upstream u5 {\n    keepalive_timeout 90s;\n    server 10.0.0.21:8080;\n'),
  );
  const changed = onTomcat();
  assert.notEqual(changed, first);
  assert.match(changed.message, /60s to 90s/);
});

test('without a check of its own to word them, different messages keep the first and relate the others', () => {
  const location = { file: '/w/a.conf', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 3 } } };
  const edit = { file: '/w/a.conf', range: location.range, newText: 'x' };
  const part = (message: string, severity: Finding['severity']): Finding => ({
    code: 'nginx-syntax',
    severity,
    message,
    location,
    related: [],
    fixes: [{ title: 'Replace with x', isPreferred: true, edits: [edit] }],
  });
  const merged = mergeFindings([part('first problem', 'warning'), part('second problem', 'error'), part('first problem', 'warning')], {});
  assert.equal(merged.message, 'first problem');
  assert.equal(merged.severity, 'error', 'the worst severity');
  assert.deepEqual(merged.related, [{ location, message: 'second problem' }]);
  assert.deepEqual(merged.fixes, [{ title: 'Replace with x', isPreferred: true, edits: [edit] }], 'identical edits once');
});
