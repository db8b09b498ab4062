// What the deployment files say about nginx: the version an image implies (assumed for tags
// naming a branch), the prefix map from mounts and COPY, and which workspace file is the main one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { abs, root } from '../support/memoryWorkspace';
import { deploymentFactsOf } from '../../server/src/core/deployment';
import { nginxImageOf } from '../../server/src/core/deployment/images';
import { stockMainConfig } from '../../server/src/core/deployment/placement';
import { parseNginxVersion } from '../../server/src/core/nginx/version';

const read = (files: Record<string, string>) =>
  deploymentFactsOf(
    Object.entries(files).map(([p, text]) => ({ path: abs(p), text })),
    root,
  );
const local = (map: Record<string, string>) => Object.fromEntries(Object.entries(map).map(([k, v]) => [k, path.relative(root, v)]));

test('the nginx version an image implies, and when it is assumed', () => {
  const table = [
    'nginx:1.25.3-alpine',
    'docker.io/library/nginx:1.26',
    'nginx:1.29',
    'nginx:latest',
    'nginx',
    'nginx:alpine',
    'nginx:mainline-alpine-perl',
    'nginx:stable-alpine',
    'nginxinc/nginx-unprivileged:1.27-alpine',
    'nginxinc/nginx-unprivileged:stable',
    'openresty/openresty:1.27.1.2-alpine',
    'openresty/openresty:jammy',
    'tomcat:10.1',
    'registry:5000/nginx',
  ].map((image) => {
    const found = nginxImageOf(image);
    return found ? `${image} -> ${found.version ?? 'none'}${found.assumed ? ' (assumed)' : ''}: ${found.note}` : `${image} -> not nginx`;
  });
  assert.deepEqual(table, [
    'nginx:1.25.3-alpine -> 1.25.3: nginx:1.25.3-alpine: nginx 1.25.3',
    'docker.io/library/nginx:1.26 -> 1.26: nginx:1.26: nginx 1.26 (the newest 1.26.x)',
    'nginx:1.29 -> 1.29.7 (assumed): nginx:1.29: the newest 1.29.x, taken as 1.29.7 (assumed)',
    'nginx:latest -> 1.31 (assumed): nginx:latest: follows mainline 1.31.x (1.31.4 on 2026-08-19) (assumed)',
    'nginx -> 1.31 (assumed): nginx:latest: follows mainline 1.31.x (1.31.4 on 2026-08-19) (assumed)',
    'nginx:alpine -> 1.31 (assumed): nginx:alpine: follows mainline 1.31.x (1.31.4 on 2026-08-19) (assumed)',
    'nginx:mainline-alpine-perl -> 1.31 (assumed): nginx:mainline-alpine-perl: follows mainline 1.31.x (1.31.4 on 2026-08-19) (assumed)',
    'nginx:stable-alpine -> 1.30 (assumed): nginx:stable-alpine: follows the stable branch 1.30.x (1.30.0 on 2026-04-14) (assumed)',
    'nginxinc/nginx-unprivileged:1.27-alpine -> 1.27: nginxinc/nginx-unprivileged:1.27-alpine: nginx 1.27 (the newest 1.27.x)',
    'nginxinc/nginx-unprivileged:stable -> 1.30 (assumed): nginxinc/nginx-unprivileged:stable: follows the stable branch 1.30.x (1.30.0 on 2026-04-14) (assumed)',
    'openresty/openresty:1.27.1.2-alpine -> 1.27.1: openresty/openresty:1.27.1.2-alpine: OpenResty 1.27.1.2: nginx core 1.27.1',
    'openresty/openresty:jammy -> none: openresty/openresty:jammy: the tag names no OpenResty version, so no nginx version is assumed',
    'tomcat:10.1 -> not nginx',
    'registry:5000/nginx -> not nginx',
  ]);
  // The versions parse as the analysis reads them.
  for (const image of ['nginx:stable', 'nginx:1.29', 'openresty/openresty:1.21.4.3'])
    assert.ok(!('error' in parseNginxVersion(nginxImageOf(image)!.version)));
});

test('a deployment mounting only conf.d/default.conf has no main file: the image’s own includes it', () => {
  const reading = read({
    'docker-compose.yml':
      'services:\n  web:\n    image: nginx:1.27\n    volumes:\n      - ./nginx/default.conf:/etc/nginx/conf.d/default.conf:ro\n',
    'nginx/default.conf': 'server { listen 80; }\n',
  });
  const [placement] = reading.deployments[0].nginx;
  assert.deepEqual(local(placement.prefixMap), { '/etc/nginx/conf.d/default.conf': 'nginx/default.conf' });
  assert.equal(placement.mainConfig, '/etc/nginx/nginx.conf');
  assert.equal(placement.mainFile, undefined);
  assert.equal(stockMainConfig.includes, '/etc/nginx/conf.d/*.conf');
  assert.equal(placement.image?.version, '1.27');
  assert.equal(reading.deployments[0].services[0].nginxVersion, '1.27');
});

test('a mounted /etc/nginx folder or nginx.conf is the main file', () => {
  const folder = read({
    'compose.yaml': 'services:\n  web:\n    image: nginx:stable\n    volumes: ["./deploy/nginx:/etc/nginx:ro"]\n',
    'deploy/nginx/nginx.conf': 'events {}\n',
  });
  assert.deepEqual(local(folder.prefixMap), { '/etc/nginx': 'deploy/nginx' });
  assert.equal(folder.deployments[0].nginx[0].mainFile, abs('deploy/nginx/nginx.conf'));
  assert.equal(folder.deployments[0].nginx[0].image?.assumed, true);
  const file = read({
    'compose.yaml':
      'services:\n  web:\n    image: nginx\n    volumes:\n      - ./proxy/main.conf:/etc/nginx/nginx.conf\n      - ./proxy/sites:/etc/nginx/conf.d\n',
  });
  assert.deepEqual(local(file.prefixMap), { '/etc/nginx/nginx.conf': 'proxy/main.conf', '/etc/nginx/conf.d': 'proxy/sites' });
  assert.equal(file.deployments[0].nginx[0].mainFile, abs('proxy/main.conf'));
});

test('a compose build: the Dockerfile’s COPY, the build arg’s version, a volume over a copied file', () => {
  const reading = read({
    'compose.yaml': `services:
  proxy:
    build:
      context: ./proxy
      dockerfile: docker/Dockerfile
      args:
        NGINX_VERSION: \${NGINX_VERSION}
    volumes:
      - ./local/default.conf:/etc/nginx/conf.d/default.conf
    ports: ["8080:80"]
  app:
    image: tomcat:10.1
    volumes: ["./tomcat/conf:/usr/local/tomcat/conf:ro"]
`,
    '.env': 'NGINX_VERSION=1.24.0\n',
    'proxy/docker/Dockerfile': `ARG NGINX_VERSION=1.27.0
FROM nginx:\${NGINX_VERSION}-alpine
COPY nginx.conf /etc/nginx/nginx.conf
COPY conf.d/ /etc/nginx/conf.d/
COPY snippets/*.conf /etc/nginx/snippets/
`,
    'proxy/nginx.conf': 'events {}\n',
  });
  const [deployment] = reading.deployments;
  const proxy = deployment.services[0];
  assert.equal(proxy.build?.dockerfile?.path, abs('proxy/docker/Dockerfile'));
  assert.deepEqual(proxy.build?.dockerfile?.from, ['nginx:1.24.0-alpine']);
  assert.equal(proxy.nginxVersion, '1.24.0');
  assert.equal(deployment.facts.proxyService, 'proxy');
  assert.deepEqual(local(deployment.nginx[0].prefixMap), {
    '/etc/nginx/nginx.conf': 'proxy/nginx.conf',
    '/etc/nginx/conf.d': 'proxy/conf.d',
    '/etc/nginx/snippets': 'proxy/snippets',
    '/etc/nginx/conf.d/default.conf': 'local/default.conf',
  });
  assert.equal(deployment.nginx[0].mainFile, abs('proxy/nginx.conf'));
  // The Tomcat service places no nginx configuration.
  assert.deepEqual(
    deployment.nginx.map((p) => p.service),
    ['proxy'],
  );
  assert.deepEqual(reading.dockerfiles.length, 1);
});

test('a file copied to a folder the image has goes into it; with build, image names the output', () => {
  const reading = read({
    'compose.yaml': 'services:\n  proxy:\n    build: ./proxy\n    image: registry.example.com/shop/proxy:2.3\n',
    'proxy/Dockerfile': 'FROM nginx:1.28.0\nCOPY default.conf /etc/nginx/conf.d\nCOPY main.conf /etc/nginx/nginx.conf\n',
  });
  const [placement] = reading.deployments[0].nginx;
  assert.deepEqual(local(placement.prefixMap), {
    '/etc/nginx/conf.d/default.conf': 'proxy/default.conf',
    '/etc/nginx/nginx.conf': 'proxy/main.conf',
  });
  assert.equal(placement.image?.version, '1.28.0');
  assert.equal(reading.deployments[0].services[0].nginxVersion, '1.28.0');
});

test('a Dockerfile no compose file builds is read alone', () => {
  const reading = read({
    'nginx/Dockerfile': 'FROM nginxinc/nginx-unprivileged:stable-alpine\nCOPY default.conf /etc/nginx/conf.d/\n',
    'backend/Dockerfile': 'FROM tomcat:10.1\nCOPY conf/ /usr/local/tomcat/conf/\n',
  });
  assert.deepEqual(reading.deployments, []);
  assert.deepEqual(
    reading.standalone.map((p) => [path.relative(root, p.dockerfile!), p.image?.version, p.image?.assumed, local(p.prefixMap), p.mainFile]),
    [['nginx/Dockerfile', '1.30', true, { '/etc/nginx/conf.d/default.conf': 'nginx/default.conf' }, undefined]],
  );
  assert.deepEqual(reading.prefixMap, { '/etc/nginx/conf.d/default.conf': abs('nginx/default.conf') });
});
