// The readers' facts fed to the linker, as the workspace does (core/deployments.ts): a compose
// file decides which of two Tomcats on 8080 an upstream reaches, by service name and by a port
// published to the host.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { abs, analyzeFiles, root } from '../support/memoryWorkspace';
import { deploymentFactsOf } from '../../server/src/core/deployment';
import { linkUpstreams } from '../../server/src/core/link';
import { readSettings } from '../../server/src/core/settings';

const compose = `services:
  proxy:
    image: nginx:\${NGINX_TAG}
    volumes: ["./nginx.conf:/etc/nginx/nginx.conf:ro"]
  shop:
    build: ./backend-a
    networks:
      default:
        aliases: [shop-api]
  billing:
    image: tomcat:10.1
    ports: ["\${BILLING_PORT:-8082}:8080"]
    volumes:
      - type: bind
        source: ./backend-b/conf
        target: /usr/local/tomcat/conf
`;

const xml = `<Server><Service name="Catalina"><Connector port="8080" connectionTimeout="7000"/></Service></Server>`;
const nginx = (server: string) =>
  `events {}\nhttp {\n    upstream up {\n        server ${server};\n        keepalive 8;\n    }\n    server { location / { proxy_pass http://up; } }\n}\n`;

function links(server: string): string[] {
  const files = { 'nginx.conf': nginx(server), 'backend-a/conf/server.xml': xml, 'backend-b/conf/server.xml': xml };
  const { facts, problems } = deploymentFactsOf(
    [
      { path: abs('docker-compose.yml'), text: compose },
      { path: abs('.env'), text: 'NGINX_TAG=1.24.0\nBILLING_PORT=8081\n' },
    ],
    root,
  );
  assert.deepEqual(problems, []);
  const { analysis } = analyzeFiles(files);
  const linked = linkUpstreams(analysis.configs, analysis.endpoints, readSettings({}).settings, root, analysis.backends, facts);
  return linked.links.map((l) => `${l.server.address.value} -> ${path.relative(root, l.endpoint.file.path)} (${l.via})`);
}

test('read compose facts decide which Tomcat an upstream reaches', () => {
  assert.deepEqual(links('shop:8080'), ['shop:8080 -> backend-a/conf/server.xml (service)']);
  assert.deepEqual(links('shop-api:8080'), ['shop-api:8080 -> backend-a/conf/server.xml (service)']);
  assert.deepEqual(links('billing:8080'), ['billing:8080 -> backend-b/conf/server.xml (service)']);
  // BILLING_PORT from .env publishes billing's 8080 on the host's 8081.
  assert.deepEqual(links('host.docker.internal:8081'), ['host.docker.internal:8081 -> backend-b/conf/server.xml (service)']);
});
