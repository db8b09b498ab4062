// Workspaces as people keep them: several nginx trees and Tomcats, /etc-style deployed layouts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { analyzeFiles, root } from '../support/memoryWorkspace';

const tomcat = (port: number, timeout = 7000) =>
  `<Server port="8005">\n  <Service name="Catalina">\n    <Connector port="${port}" connectionTimeout="${timeout}"/>\n  </Service>\n</Server>\n`;
const race = (files: Record<string, string>, settings?: unknown) =>
  analyzeFiles(files, settings)
    .findings.filter((f) => f.code === 'keepalive-race')
    .map((f) => `${path.relative(root, f.location.file)}:${f.location.range.start.line + 1}`)
    .sort();

test('an /etc-style tree: absolute includes resolve inside the workspace, sites-enabled and conf.d included', () => {
  const files = {
    'etc/nginx/nginx.conf':
      'user www-data;\nevents {}\nhttp {\n    include /etc/nginx/mime.types;\n    include /etc/nginx/conf.d/*.conf;\n    include /etc/nginx/sites-enabled/*;\n}\n',
    'etc/nginx/conf.d/upstreams.conf': 'upstream shop {\n    server 127.0.0.1:8080;\n    keepalive 16;\n}\n',
    'etc/nginx/sites-enabled/shop': 'server {\n    listen 80;\n    location / {\n        proxy_pass http://shop;\n    }\n}\n',
    'opt/tomcat/conf/server.xml': tomcat(8080),
  };
  assert.deepEqual(race(files), ['etc/nginx/conf.d/upstreams.conf:1', 'opt/tomcat/conf/server.xml:3']);
  const { findings } = analyzeFiles(files);
  assert.deepEqual(
    findings.filter((f) => f.code !== 'keepalive-race'),
    [],
    'no include or context problems',
  );
});

test('several nginx configs and several Tomcats: each pair on its own', () => {
  const nginx = (name: string, port: number, timeout: string) =>
    `events {}\nhttp {\n    upstream ${name} {\n        server ${name}:${port};\n        keepalive 8;\n${timeout}\n    }\n    server { location / { proxy_pass http://${name}; } }\n}\n`;
  const files = {
    'edge-a/nginx.conf': nginx('orders', 8080, ''),
    'edge-b/nginx.conf': nginx('billing', 8081, '        keepalive_timeout 5s;'),
    'orders/conf/server.xml': tomcat(8080),
    'billing/conf/server.xml': tomcat(8081),
  };
  assert.deepEqual(race(files), ['edge-a/nginx.conf:3', 'orders/conf/server.xml:3']);
});

test('a lone conf.d file that nothing includes is read in the http context it implies', () => {
  const files = {
    'conf.d/app.conf':
      'upstream app {\n    server 10.0.0.2:8080;\n}\nserver {\n    location / {\n        proxy_pass http://app;\n    }\n}\n',
    'tomcat/conf/server.xml': tomcat(8080),
  };
  assert.deepEqual(race(files), ['conf.d/app.conf:1', 'tomcat/conf/server.xml:3']);
});
