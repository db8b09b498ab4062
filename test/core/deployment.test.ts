// The deployment seam: upstream addresses mapped through hand-built compose facts (nothing reads
// compose files yet), and the linker joining on the endpoints those facts lead to.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { abs, analyzeFiles, root } from '../support/memoryWorkspace';
import type { DeploymentFacts, DeploymentService } from '../../server/src/core/deployment/facts';
import { nginxVersionOfImage, resolveUpstreamAddress, serviceHoldsFile } from '../../server/src/core/deployment/resolve';
import { linkUpstreams } from '../../server/src/core/link';
import { readSettings } from '../../server/src/core/settings';

function service(name: string, facts: Partial<DeploymentService> = {}): DeploymentService {
  return {
    name,
    aliases: [],
    ports: [],
    expose: [],
    mounts: [],
    environment: {},
    envFiles: [],
    hostNetwork: false,
    declaredIn: abs('docker-compose.yml'),
    ...facts,
  };
}

const app = service('app', {
  aliases: ['backend'],
  containerName: 'app-1',
  hostname: 'app.internal',
  build: { context: abs('backend-a') },
});
const other = service('other', {
  ports: [{ published: 8081, target: 8080, protocol: 'tcp' }],
  mounts: [bind('backend-b/conf', '/usr/local/tomcat/conf')],
});
const facts: DeploymentFacts = { services: [app, other] };

function bind(source: string, target: string) {
  return { source: abs(source), target, kind: 'bind' as const, readOnly: true };
}

const resolved = (host: string, port: number, given = facts) =>
  resolveUpstreamAddress(host, port, given).map((t) => `${t.service.name}:${t.port} (${t.how})`);

test('a service is reached by its name, aliases, container_name and hostname, on the container port', () => {
  assert.deepEqual(resolved('app', 8080), ['app:8080 (service name)']);
  assert.deepEqual(resolved('BACKEND', 8080), ['app:8080 (alias)']);
  assert.deepEqual(resolved('app-1', 9000), ['app:9000 (container_name)']);
  assert.deepEqual(resolved('app.internal', 8080), ['app:8080 (hostname)']);
  // Publishing 8081 on the host does not change what other:8080 reaches inside the network.
  assert.deepEqual(resolved('other', 8080), ['other:8080 (service name)']);
});

test('host.docker.internal reaches the service publishing the port, on its target port', () => {
  assert.deepEqual(resolved('host.docker.internal', 8081), ['other:8080 (published port)']);
  assert.deepEqual(resolved('host.docker.internal', 8080), []);
});

test('localhost reaches published ports only when nginx shares the host network', () => {
  assert.deepEqual(resolved('localhost', 8081), []);
  const onHost = { services: [...facts.services, service('proxy', { hostNetwork: true })], proxyService: 'proxy' };
  assert.deepEqual(resolved('localhost', 8081, onHost), ['other:8080 (published port)']);
});

test('unknown hosts and empty facts resolve to nothing', () => {
  assert.deepEqual(resolved('10.0.0.21', 8080), []);
  assert.deepEqual(resolved('app', 8080, { services: [] }), []);
});

test('a service holds the files of its build context, bind mounts and Dockerfile copies', () => {
  assert.ok(serviceHoldsFile(app, abs('backend-a/conf/server.xml')));
  assert.ok(!serviceHoldsFile(app, abs('backend-ab/conf/server.xml')));
  assert.ok(serviceHoldsFile(other, abs('backend-b/conf/server.xml')));
  const copied = service('copied', {
    build: {
      context: abs('images/tomcat'),
      dockerfile: {
        path: abs('images/tomcat/Dockerfile'),
        from: ['tomcat:10.1'],
        env: {},
        copies: [{ instruction: 'COPY', sources: [abs('shared/conf')], target: '/usr/local/tomcat/conf' }],
        expose: [8080],
      },
    },
  });
  assert.ok(serviceHoldsFile(copied, abs('shared/conf/server.xml')));
});

test('the nginx version an image implies', () => {
  assert.equal(nginxVersionOfImage('nginx:1.25.3-alpine'), '1.25.3');
  assert.equal(nginxVersionOfImage('docker.io/library/nginx:1.27'), '1.27');
  assert.equal(nginxVersionOfImage('nginxinc/nginx-unprivileged:1.29.7-alpine@sha256:abc'), '1.29.7');
  assert.equal(nginxVersionOfImage('openresty/openresty:1.21.4.1-jammy'), '1.21.4');
  assert.equal(nginxVersionOfImage('nginx:stable'), undefined);
  assert.equal(nginxVersionOfImage('nginx'), undefined);
  assert.equal(nginxVersionOfImage('registry:5000/nginx'), undefined);
  assert.equal(nginxVersionOfImage('tomcat:10.1'), undefined);
});

const xml = (port: number) => `<Server><Service name="Catalina"><Connector port="${port}" connectionTimeout="7000"/></Service></Server>`;
const nginx = (server: string) =>
  `events {}\nhttp {\n    upstream up {\n        server ${server};\n        keepalive 8;\n    }\n    server { location / { proxy_pass http://up; } }\n}\n`;

/** Links made with the given facts over an analysed workspace (whose own links use none). */
function linkedWith(given: DeploymentFacts, server: string, settings: unknown = {}): string[] {
  const files = { 'nginx.conf': nginx(server), 'backend-a/conf/server.xml': xml(8080), 'backend-b/conf/server.xml': xml(8080) };
  const { analysis } = analyzeFiles(files);
  const { links } = linkUpstreams(analysis.configs, analysis.endpoints, readSettings(settings).settings, root, analysis.backends, given);
  return links.map((l) => `${l.server.address.value} -> ${path.relative(root, l.endpoint.file.path)} (${l.via})`);
}

test('the linker maps addresses through the facts before joining on endpoints', () => {
  // By port alone both Tomcats on 8080 are candidates; the service says which one runs there.
  assert.deepEqual(linkedWith({ services: [] }, 'app:8080'), [
    'app:8080 -> backend-a/conf/server.xml (port)',
    'app:8080 -> backend-b/conf/server.xml (port)',
  ]);
  assert.deepEqual(linkedWith(facts, 'app:8080'), ['app:8080 -> backend-a/conf/server.xml (service)']);
  assert.deepEqual(linkedWith(facts, 'host.docker.internal:8081'), ['host.docker.internal:8081 -> backend-b/conf/server.xml (service)']);
  assert.deepEqual(linkedWith(facts, 'host.docker.internal:9999'), []);
});

test('a service link names the endpoints its files run in', () => {
  const settings = { links: [{ upstream: 'up', service: 'other' }] };
  assert.deepEqual(linkedWith(facts, 'somewhere:80', settings), ['somewhere:80 -> backend-b/conf/server.xml (setting)']);
});

test('the workspace links with no deployment facts: addresses are joined by port as before', () => {
  const files = { 'nginx.conf': nginx('host.docker.internal:8080'), 'backend-a/conf/server.xml': xml(8080) };
  assert.deepEqual(
    analyzeFiles(files).analysis.links.map((l) => l.via),
    ['port'],
  );
});
