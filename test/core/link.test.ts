// Linking nginx upstream servers to Tomcat connectors: by port, narrowed by host folder, or explicit.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { analyzeFiles, root } from '../support/memoryWorkspace';

const connector = (port: number, extra = '') =>
  `<Server><Service name="Catalina"><Connector port="${port}" connectionTimeout="7000"${extra}/></Service></Server>`;
const nginx = (servers: string) =>
  `events {}\nhttp {\n    upstream app {\n${servers}\n        keepalive 8;\n    }\n    server { location / { proxy_pass http://app; } }\n}\n`;

function links(files: Record<string, string>, settings?: unknown): string[] {
  return analyzeFiles(files, settings).analysis.links.map(
    (l) => `${l.server.address.value} -> ${path.relative(root, l.connector.file.path)}:${l.connector.port} (${l.via})`,
  );
}

test('links by port, whatever the host name', () => {
  assert.deepEqual(links({ 'nginx.conf': nginx('server tomcat.internal:8080;'), 'tomcat/conf/server.xml': connector(8080) }), [
    'tomcat.internal:8080 -> tomcat/conf/server.xml:8080 (port)',
  ]);
});

test('several Tomcats on one port: the one whose folder the host names, else all', () => {
  const files = {
    'nginx.conf': nginx('server app1:8080;\n        server other:8080;'),
    'app1/conf/server.xml': connector(8080),
    'app2/conf/server.xml': connector(8080),
  };
  assert.deepEqual(links(files), [
    'app1:8080 -> app1/conf/server.xml:8080 (port)',
    'other:8080 -> app1/conf/server.xml:8080 (port)',
    'other:8080 -> app2/conf/server.xml:8080 (port)',
  ]);
});

test('AJP connectors and unix sockets are never linked', () => {
  assert.deepEqual(
    links({
      'nginx.conf': nginx('server a:8009;\n        server unix:/run/t.sock;'),
      'conf/server.xml': connector(8009, ' protocol="AJP/1.3"'),
    }),
    [],
  );
});

test('explicit links override ports (remapped container ports)', () => {
  const files = { 'nginx.conf': nginx('server app:80;'), 'tomcat/conf/server.xml': connector(8080) };
  assert.deepEqual(links(files), []);
  assert.deepEqual(links(files, { links: [{ upstream: 'app', serverXml: 'tomcat/conf/server.xml' }] }), [
    'app:80 -> tomcat/conf/server.xml:8080 (setting)',
  ]);
  assert.deepEqual(links(files, { links: [{ upstream: 'app', server: 'app:80', serverXml: 'tomcat/conf/server.xml', port: 8080 }] }), [
    'app:80 -> tomcat/conf/server.xml:8080 (setting)',
  ]);
  assert.deepEqual(links(files, { links: [{ upstream: 'app', serverXml: 'tomcat/conf/server.xml', port: 9999 }] }), []);
});

test('the port may come from catalina.properties', () => {
  const files = {
    'nginx.conf': nginx('server app:8081;'),
    'tomcat/conf/server.xml': '<Server><Service name="S"><Connector port="${http.port}"/></Service></Server>',
    'tomcat/conf/catalina.properties': 'http.port = 8081\n',
  };
  assert.deepEqual(links(files), ['app:8081 -> tomcat/conf/server.xml:8081 (port)']);
});
