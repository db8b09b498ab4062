// The unlinked-upstream fix's edits to timeout-chain.json: created when absent, an entry added to
// its `links` (made when absent) keeping the file's layout, and no fix where the file is refused.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import type { Finding, Fix } from '../../server/src/core/types';
import { parseSettingsFile, settingsFileName } from '../../server/src/core/settingsFile';
import { abs, analyzeFiles, applyEdits, root } from '../support/memoryWorkspace';

const nginxConf = `events {}
http {
    upstream api {
        server api:8081;
        keepalive 32;
    }
    server {
        listen 80;
        location / {
            proxy_pass http://api;
        }
    }
}
`;
const serverXml = `<Server port="8005" shutdown="SHUTDOWN">
  <Service name="Catalina">
    <Connector port="8080" protocol="HTTP/1.1" connectionTimeout="20000" keepAliveTimeout="90000" />
  </Service>
</Server>
`;
const layout = { 'nginx/nginx.conf': nginxConf, 'tomcat/conf/server.xml': serverXml };
const title = 'Link upstream api to tomcat/conf/server.xml port 8080';
const entry = { upstream: 'api', server: 'api:8081', backend: 'tomcat/conf/server.xml', port: 8080 };

function unlinkedFindings(files: Record<string, string>): Finding[] {
  const result = analyzeFiles(files);
  assert.deepEqual(result.internalErrors, []);
  return result.findings.filter((f) => f.code === 'unlinked-upstream');
}

/** The files after the fix: a created file starts empty; every edit goes to timeout-chain.json. */
function applyFix(files: Record<string, string>, fix: Fix): Record<string, string> {
  const after = { ...files };
  for (const file of fix.createsFiles ?? []) after[path.relative(root, file)] = '';
  for (const edit of fix.edits) assert.equal(edit.file, abs(settingsFileName), 'edits only timeout-chain.json');
  after[settingsFileName] = applyEdits(after[settingsFileName], fix.edits);
  return after;
}

/** Applies the one fix with a settings file `settings` (undefined: none), and checks what it reads back as. */
function fixWith(settings: string | undefined): { fix: Fix; text: string } {
  const files: Record<string, string> = settings === undefined ? { ...layout } : { ...layout, [settingsFileName]: settings };
  const [finding] = unlinkedFindings(files);
  assert.deepEqual(
    finding.fixes.map((f) => f.title),
    [title],
  );
  const fix = finding.fixes[0];
  const after = applyFix(files, fix);
  const text = after[settingsFileName];
  const read = parseSettingsFile(abs(settingsFileName), text);
  assert.deepEqual(read.problems, [], `reads back without problems:\n${text}`);
  assert.deepEqual(read.links[read.links.length - 1], entry);
  assert.deepEqual(unlinkedFindings(after), [], 'the link leaves no unlinked-upstream finding');
  return { fix, text };
}

describe('unlinked-upstream: the link fix', () => {
  test('no timeout-chain.json: the fix creates it, holding the one link', () => {
    const { fix, text } = fixWith(undefined);
    assert.deepEqual(fix.createsFiles, [abs(settingsFileName)]);
    assert.equal(fix.isPreferred, false);
    assert.deepEqual(JSON.parse(text), { links: [entry] });
    assert.ok(text.endsWith('}\n'));
  });

  test('a file with links: the entry comes after them, the others kept', () => {
    const before = '{\n  "links": [\n    { "upstream": "other", "backend": "tomcat/conf/server.xml", "port": 8080 }\n  ]\n}\n';
    const { fix, text } = fixWith(before);
    assert.equal(fix.createsFiles, undefined);
    assert.deepEqual(JSON.parse(text).links, [{ upstream: 'other', backend: 'tomcat/conf/server.xml', port: 8080 }, entry]);
    assert.ok(text.startsWith('{\n  "links": [\n    { "upstream": "other", "backend": "tomcat/conf/server.xml", "port": 8080 },'), text);
  });

  test('a file without links: a links list is added beside the other settings', () => {
    const before = '{\n  "nginx": { "version": "1.29.7" },\n  "fix": { "upstreamMarginPercent": 60 }\n}\n';
    const { text } = fixWith(before);
    const read = JSON.parse(text);
    assert.deepEqual(read.nginx, { version: '1.29.7' });
    assert.deepEqual(read.fix, { upstreamMarginPercent: 60 });
    assert.deepEqual(read.links, [entry]);
    assert.ok(text.startsWith('{\n  "nginx": { "version": "1.29.7" },\n  "fix": { "upstreamMarginPercent": 60 },\n  "links": ['), text);
  });

  test('an empty object takes the list', () => {
    assert.deepEqual(JSON.parse(fixWith('{}\n').text), { links: [entry] });
  });

  test('tabs and CRLF line ends are kept', () => {
    const { text } = fixWith('{\r\n\t"links": []\r\n}\r\n');
    assert.ok(!/(^|[^\r])\n/.test(text), `only CRLF: ${JSON.stringify(text)}`);
    assert.ok(text.includes('\r\n\t\t{\r\n\t\t\t"upstream": "api",'), JSON.stringify(text));
  });

  test('a byte order mark stays, the entry is added after it', () => {
    const { text } = fixWith('\ufeff{ "links": [] }\n');
    assert.equal(text.charCodeAt(0), 0xfeff);
  });

  // timeout-chain.json is read as strict JSON (settingsFile.ts): a file with comments is reported
  // and none of it is used, so an entry added there would link nothing either.
  for (const [name, text] of [
    ['a file with comments, which the settings reader refuses', '{\n  // links added by hand\n  "links": []\n}\n'],
    ['a broken file', '{ "links": [ \n'],
    ['links that is no list', '{ "links": { "upstream": "api" } }\n'],
    ['a file that is no object', '[]\n'],
  ] as const) {
    test(`${name}: no fix; the message says to link it`, () => {
      const [finding] = unlinkedFindings({ ...layout, [settingsFileName]: text });
      assert.deepEqual(finding.fixes, []);
      assert.match(
        finding.message,
        /^nginx reuses connections to api:8081 for 60s; no backend configuration found for it\. Link it with a "links" entry in timeout-chain\.json/,
      );
    });
  }

  test('no endpoint to link to: no fix, the message says what to add', () => {
    const [finding] = unlinkedFindings({ 'nginx/nginx.conf': nginxConf });
    assert.deepEqual(finding.fixes, []);
    assert.equal(
      finding.message,
      'nginx reuses connections to api:8081 for 60s; no backend configuration found for it. Add its server.xml or Spring Boot build file or Python project file or package.json or go.mod or Apache httpd configuration or uWSGI ini file to this folder to check its idle timeout.',
    );
  });

  test('at most four fixes, the nearest folders first, then by path and port', () => {
    const tomcat = (ports: number[]) =>
      `<Server><Service name="s">${ports.map((p) => `<Connector port="${p}" keepAliveTimeout="90000"/>`).join('')}</Service></Server>`;
    const [finding] = unlinkedFindings({
      'deploy/nginx/nginx.conf': nginxConf,
      'deploy/nginx/app/server.xml': tomcat([9002, 9001]),
      'deploy/b/server.xml': tomcat([9003]),
      'deploy/a/server.xml': tomcat([9004]),
      'far/away/tomcat/conf/server.xml': tomcat([9005]),
    });
    assert.deepEqual(
      finding.fixes.map((f) => f.title),
      [
        'Link upstream api to deploy/nginx/app/server.xml port 9001',
        'Link upstream api to deploy/nginx/app/server.xml port 9002',
        'Link upstream api to deploy/a/server.xml port 9004',
        'Link upstream api to deploy/b/server.xml port 9003',
      ],
    );
  });

  test('the same upstream included by two main files is said once', () => {
    const upstream = 'upstream api {\n    server api:8081;\n    keepalive 32;\n}\n';
    const main = (port: number) =>
      `events {}\nhttp {\n    include ../shared/api.conf;\n    server {\n        listen ${port};\n        location / { proxy_pass http://api; }\n    }\n}\n`;
    const findings = unlinkedFindings({ 'a/nginx.conf': main(80), 'b/nginx.conf': main(81), 'shared/api.conf': upstream });
    assert.deepEqual(
      findings.map((f) => [path.relative(root, f.location.file), f.location.range.start.line]),
      [['shared/api.conf', 1]],
    );
  });
});
