// A link's target named by `backend` (a file or a folder), `serverXml` (its older name) or
// `service` (a compose service), and what is said when it links nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { analyzeFiles, root } from '../support/memoryWorkspace';
import { readSettings } from '../../server/src/core/settings';
import { parseSettingsFile } from '../../server/src/core/settingsFile';

const connector = (port: number) =>
  `<Server><Service name="Catalina"><Connector port="${port}" connectionTimeout="7000"/></Service></Server>`;
const nginx =
  'events {}\nhttp {\n    upstream app {\n        server app:80;\n        keepalive 8;\n    }\n    server { location / { proxy_pass http://app; } }\n}\n';
const files = { 'nginx.conf': nginx, 'tomcat/conf/server.xml': connector(8080), 'other/conf/server.xml': connector(9090) };

function linksWith(link: Record<string, unknown>): string[] {
  return analyzeFiles(files, { links: [{ upstream: 'app', ...link }] }).analysis.links.map(
    (l) => `${l.server.address.value} -> ${path.relative(root, l.endpoint.file.path)}:${l.endpoint.port} (${l.via})`,
  );
}

function unmatchedWhy(link: Record<string, unknown>): string[] {
  return analyzeFiles(files, { links: [{ upstream: 'app', ...link }] }).settingsErrors;
}

test('backend names a server.xml as serverXml does', () => {
  const expected = ['app:80 -> tomcat/conf/server.xml:8080 (setting)'];
  assert.deepEqual(linksWith({ backend: 'tomcat/conf/server.xml' }), expected);
  assert.deepEqual(linksWith({ serverXml: 'tomcat/conf/server.xml' }), expected);
});

test('backend may name a folder: the endpoints read from files under it', () => {
  assert.deepEqual(linksWith({ backend: 'other' }), ['app:80 -> other/conf/server.xml:9090 (setting)']);
  assert.deepEqual(linksWith({ backend: 'other/', port: 9090 }), ['app:80 -> other/conf/server.xml:9090 (setting)']);
});

test('a folder holding several endpoints needs a port, and says so', () => {
  assert.deepEqual(linksWith({ backend: '.' }), []);
  assert.deepEqual(unmatchedWhy({ backend: '.' }), [
    'timeoutChain.links: this link from upstream "app" links nothing. "." has 2 HTTP connectors: say which with "port".',
  ]);
  assert.deepEqual(linksWith({ backend: '.', port: 8080 }), ['app:80 -> tomcat/conf/server.xml:8080 (setting)']);
});

test('a service links nothing while no deployment file is read', () => {
  assert.deepEqual(linksWith({ service: 'app' }), []);
  assert.deepEqual(unmatchedWhy({ service: 'app', port: 8080 }), [
    'timeoutChain.links: this link from upstream "app" links nothing. No deployment file read defines a service "app" with an HTTP endpoint.',
  ]);
});

test('a link reads back with the keys it was written with', () => {
  const { settings } = readSettings({
    links: [
      { upstream: 'app', backend: 'tomcat', port: 8080 },
      { upstream: 'app', service: 'web' },
    ],
  });
  assert.deepEqual(settings.links, [
    { upstream: 'app', backend: 'tomcat', server: undefined, port: 8080 },
    { upstream: 'app', service: 'web', server: undefined, port: undefined },
  ]);
});

test('a link needs exactly one target; a second one is said on its key', () => {
  assert.match(readSettings({ links: [{ upstream: 'app' }] }).errors[0], /^links\[0\]: needs "upstream" and one of "backend"/);
  const text = '{\n  "links": [{ "upstream": "app", "backend": "tomcat", "service": "web" }]\n}\n';
  const file = parseSettingsFile(path.join(root, 'timeout-chain.json'), text);
  assert.equal(file.settings.links.length, 0);
  assert.deepEqual(
    file.problems.map((p) => [p.message, text.slice(p.span.start, p.span.end)]),
    [['links[0].service: names its target twice: keep "backend" or "service"', '"service"']],
  );
});
