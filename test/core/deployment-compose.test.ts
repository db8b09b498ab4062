// Compose files read into deployment facts: overrides merged, `.env` interpolated, long and short
// syntax, port ranges, host networking, and the upstream addresses they resolve.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { abs, root } from '../support/memoryWorkspace';
import { deploymentFactsOf } from '../../server/src/core/deployment';
import { resolveUpstreamAddress } from '../../server/src/core/deployment/resolve';
import { shellWords } from '../../server/src/core/deployment/compose/read';
import type { DeploymentFacts } from '../../server/src/core/deployment/facts';

const read = (files: Record<string, string>) =>
  deploymentFactsOf(
    Object.entries(files).map(([p, text]) => ({ path: abs(p), text })),
    root,
  );
const resolved = (host: string, port: number, facts: DeploymentFacts) =>
  resolveUpstreamAddress(host, port, facts).map((t) => `${t.service.name}:${t.port} (${t.how})`);
const messages = (reading: ReturnType<typeof read>) =>
  reading.problems.map((p) => `${path.relative(root, p.path)}:${p.lines.positionAt(p.problem.span.start).line + 1}: ${p.problem.message}`);

const base = `services:
  proxy:
    image: nginx:\${NGINX_TAG:-1.27.3}-alpine
    ports:
      - "80:80"
      - "127.0.0.1:8443:443/tcp"
    volumes:
      - ./nginx/default.conf:/etc/nginx/conf.d/default.conf:ro
      - type: bind
        source: ./nginx/snippets
        target: /etc/nginx/snippets
        read_only: true
      - logs:/var/log/nginx
    depends_on: [app]
  app:
    build:
      context: ./backend
      args:
        TOMCAT_TAG: 10.1-jdk17
    container_name: shop-app
    hostname: app.internal
    networks:
      default:
        aliases: [backend, api]
    expose:
      - "8009"
    ports:
      - "\${APP_PORT}:8080"
    environment:
      - JAVA_OPTS=-Xmx512m
      - CATALINA_OPTS
    env_file: .env.app
    command: catalina.sh run -security
volumes:
  logs:
`;

const override = `services:
  app:
    ports:
      - target: 8000
        published: "9000-9001"
        protocol: tcp
      - "5005"
    environment:
      JAVA_OPTS: -Xmx1g
      DEBUG: "true"
    command: ["catalina.sh", "jpda", "run"]
  admin:
    image: tomcat:10.1
    network_mode: host
`;

const env = '# shop\nAPP_PORT=8081\nCATALINA_OPTS="-Dx=1 # kept"\nexport NGINX_TAG= # empty: the default applies\n';

test('a compose file with its override and .env: services, names, ports and mounts', () => {
  const reading = read({
    'compose.yaml': base,
    'compose.override.yaml': override,
    '.env': env,
    'docker-compose.prod.yml': 'services:\n  app:\n    image: shop:1\n',
  });
  assert.deepEqual(
    reading.deployments.map((d) => d.name),
    ['compose.yaml + compose.override.yaml', 'docker-compose.prod.yml'],
  );
  const [deployment] = reading.deployments;
  const [proxy, app, admin] = deployment.services;
  assert.deepEqual(
    deployment.services.map((s) => s.name),
    ['proxy', 'app', 'admin'],
  );
  assert.equal(proxy.image, 'nginx:1.27.3-alpine');
  assert.equal(proxy.nginxVersion, '1.27.3');
  assert.deepEqual(proxy.ports, [
    { target: 80, published: 80, protocol: 'tcp', at: proxy.ports[0].at },
    { target: 443, published: 8443, protocol: 'tcp', hostIp: '127.0.0.1', at: proxy.ports[1].at },
  ]);
  assert.deepEqual(
    proxy.mounts.map((m) => [m.kind === 'bind' ? path.relative(root, m.source) : m.source, m.target, m.kind, m.readOnly]),
    [
      ['nginx/default.conf', '/etc/nginx/conf.d/default.conf', 'bind', true],
      ['nginx/snippets', '/etc/nginx/snippets', 'bind', true],
      ['logs', '/var/log/nginx', 'volume', false],
    ],
  );
  assert.equal(app.containerName, 'shop-app');
  assert.equal(app.hostname, 'app.internal');
  assert.deepEqual(app.aliases, ['backend', 'api']);
  assert.deepEqual(app.expose, [8009]);
  assert.deepEqual(
    app.ports.map((p) => [p.published, p.publishedRange && `${p.publishedRange.start}-${p.publishedRange.end}`, p.target]),
    [
      [8081, undefined, 8080],
      [undefined, '9000-9001', 8000],
      [undefined, undefined, 5005],
    ],
  );
  // The override's mapping entries win by name; the bare CATALINA_OPTS takes .env's value.
  assert.deepEqual(app.environment, { JAVA_OPTS: '-Xmx1g', CATALINA_OPTS: '-Dx=1 # kept', DEBUG: 'true' });
  assert.deepEqual(app.envFiles, [abs('.env.app')]);
  assert.deepEqual(app.command, ['catalina.sh', 'jpda', 'run']);
  assert.equal(app.build?.context, abs('backend'));
  assert.equal(app.build?.dockerfilePath, abs('backend/Dockerfile'));
  assert.deepEqual(app.build?.args, { TOMCAT_TAG: '10.1-jdk17' });
  assert.equal(admin.hostNetwork, true);
  // Facts say where they were written: the override's JAVA_OPTS, the base's container_name.
  assert.equal(app.at?.environment?.JAVA_OPTS.file, abs('compose.override.yaml'));
  assert.deepEqual(app.at?.containerName, {
    file: abs('compose.yaml'),
    range: { start: { line: 19, character: 20 }, end: { line: 19, character: 28 } },
  });
  assert.equal(deployment.facts.proxyService, 'proxy');
  assert.deepEqual(messages(reading), []);
});

test('upstream addresses resolve through the read facts', () => {
  const { deployments } = read({ 'compose.yaml': base, 'compose.override.yaml': override, '.env': env });
  const facts = deployments[0].facts;
  assert.deepEqual(resolved('app', 8080, facts), ['app:8080 (service name)']);
  assert.deepEqual(resolved('api', 8080, facts), ['app:8080 (alias)']);
  assert.deepEqual(resolved('shop-app', 8080, facts), ['app:8080 (container_name)']);
  // A port published as 8081:8080 reaches the app's 8080 from the host side only.
  assert.deepEqual(resolved('host.docker.internal', 8081, facts), ['app:8080 (published port)']);
  assert.deepEqual(resolved('host.docker.internal', 9001, facts), ['app:8000 (published port)']);
  assert.deepEqual(resolved('localhost', 8081, facts), []);
});

test('localhost reaches published ports when nginx runs on the host network', () => {
  const { facts } = read({
    'docker-compose.yml': `services:
  web:
    image: nginxinc/nginx-unprivileged:stable-alpine
    network_mode: host
    volumes: ["./conf/nginx.conf:/etc/nginx/nginx.conf:ro"]
  tomcat:
    image: tomcat:10.1
    ports: ["127.0.0.1:8081:8080", "9090-9091:8080-8081"]
`,
  });
  assert.equal(facts.proxyService, 'web');
  assert.deepEqual(resolved('localhost', 8081, facts), ['tomcat:8080 (published port)']);
  assert.deepEqual(resolved('127.0.0.1', 9091, facts), ['tomcat:8081 (published port)']);
});

test('port short syntax: ranges, host IPs (v4 and v6), protocols, random host ports', () => {
  const { facts } = read({
    'compose.yml': `services:
  s:
    image: x
    ports:
      - "3000"
      - "3000-3002"
      - 8000:8000
      - "127.0.0.1:5000-5001:5000-5001"
      - "::1:6000:6000"
      - "[::1]:6001:6001"
      - "6060:6060/udp"
      - "127.0.0.1::7000"
      - 80
`,
  });
  assert.deepEqual(
    facts.services[0].ports.map((p) => `${p.hostIp ?? '*'} ${p.published ?? '?'}->${p.target}/${p.protocol}`),
    [
      '* ?->3000/tcp',
      '* ?->3000/tcp',
      '* ?->3001/tcp',
      '* ?->3002/tcp',
      '* 8000->8000/tcp',
      '127.0.0.1 5000->5000/tcp',
      '127.0.0.1 5001->5001/tcp',
      '::1 6000->6000/tcp',
      '::1 6001->6001/tcp',
      '* 6060->6060/udp',
      '127.0.0.1 ?->7000/tcp',
      '* ?->80/tcp',
    ],
  );
});

test('malformed YAML and unexpected shapes are problems with their place, never exceptions', () => {
  const reading = read({
    'compose.yaml': 'services:\n  app:\n    image: [tomcat\n',
    'docker-compose.dev.yml':
      'services:\n  app:\n    ports: "8080:8080"\n    volumes:\n      - type: bind\n        target: /x\n  other: 3\n',
    'compose.staging.yaml': '- not\n- a mapping\n',
    'compose.test.yml':
      'services:\n  a:\n    image: "${REGISTRY}/app:${TAG:?set TAG}"\n    extends:\n      file: common.yml\n      service: base\n',
  });
  assert.deepEqual(messages(reading), [
    messages(reading).find((m) => m.startsWith('compose.yaml:'))!,
    'compose.staging.yaml:1: a compose file is a mapping (`services:` and the like)',
    'compose.test.yml:3: ${REGISTRY} is not set in .env: compose takes it from the shell, else an empty string (taken as empty here)',
    'compose.test.yml:3: ${TAG} is not set in .env: compose takes it from the shell, else an empty string (taken as empty here)',
    'compose.test.yml:3: compose stops here unless the shell sets TAG: set TAG',
    'compose.test.yml:4: `extends:` is not followed: service a is read from what this file says of it',
    'docker-compose.dev.yml:3: ports must be a list',
    'docker-compose.dev.yml:5: a volume needs a source and a target',
    'docker-compose.dev.yml:7: service other must be a mapping',
  ]);
  assert.match(messages(reading)[0], /^compose\.yaml:\d: YAML: /);
  assert.ok(reading.problems.every((p) => p.problem.code === 'deployment-file'));
});

test('compose picks compose.yaml over docker-compose.yml; the other is a deployment of its own', () => {
  const reading = read({
    'deploy/docker-compose.yml': 'services:\n  a:\n    image: nginx\n',
    'deploy/compose.yaml': 'services:\n  b:\n    image: nginx\n',
    'deploy/docker-compose.override.yml': 'services:\n  b:\n    hostname: bee\n',
  });
  assert.deepEqual(
    reading.deployments.map((d) => `${d.name}: ${d.services.map((s) => s.name).join(', ')}`),
    ['deploy/compose.yaml + deploy/docker-compose.override.yml: b', 'deploy/docker-compose.yml: a'],
  );
  assert.equal(reading.deployments[0].services[0].hostname, 'bee');
  assert.deepEqual(
    reading.facts.services.map((s) => s.deployment),
    ['deploy/compose.yaml + deploy/docker-compose.override.yml', 'deploy/docker-compose.yml'],
  );
});

test('COMPOSE_FILE in .env names the default deployment’s files', () => {
  const reading = read({
    'ops/.env': 'COMPOSE_FILE=../docker-compose.yml:docker-compose.prod.yml:missing.yml\nPORT=9090\n',
    'ops/docker-compose.prod.yml': 'services:\n  app:\n    ports: ["${PORT}:8080"]\n',
    'docker-compose.yml': 'services:\n  app:\n    image: tomcat:10.1\n    hostname: ${HOST}\n',
  });
  assert.deepEqual(
    reading.deployments.map((d) => d.name),
    ['docker-compose.yml', 'docker-compose.yml + ops/docker-compose.prod.yml'],
  );
  const [app] = reading.deployments[1].services;
  assert.equal(app.image, 'tomcat:10.1');
  assert.deepEqual(
    app.ports.map((p) => [p.published, p.target]),
    [[9090, 8080]],
  );
  // The base read by both deployments says its problem once.
  assert.deepEqual(messages(reading), [
    'ops/.env:1: COMPOSE_FILE names ops/missing.yml, which is not read',
    'docker-compose.yml:4: ${HOST} is not set in .env: compose takes it from the shell, else an empty string (taken as empty here)',
  ]);
});

test('string commands split as a shell would', () => {
  assert.deepEqual(shellWords(`sh -c 'echo "$HOME"' a\\ b "c d"`), ['sh', '-c', 'echo "$HOME"', 'a b', 'c d']);
});
