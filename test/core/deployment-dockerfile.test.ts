// Dockerfiles read into facts: stages, ARG-substituted tags, ENV, CMD and ENTRYPOINT forms,
// WORKDIR, COPY and ADD with their flags, EXPOSE, continuations, comments and directives.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { abs, root } from '../support/memoryWorkspace';
import { readDockerfile, runtimeImage } from '../../server/src/core/deployment/dockerfile';

const multiStage = `# syntax=docker/dockerfile:1
# escape=\\
ARG NGINX_VERSION=1.25.4
ARG BUILDER=node:20-alpine

FROM --platform=$BUILDPLATFORM \${BUILDER} AS build
WORKDIR /src
COPY package.json ./
RUN <<EOF
npm ci
FROM not-an-instruction
EOF
COPY . .
RUN npm run build

FROM nginx:\${NGINX_VERSION}-alpine AS base
ENV TZ=UTC \\
    # a comment inside a continuation
    APP_HOME="/srv/my app"
ENV LEGACY value with spaces
WORKDIR /etc/nginx
COPY nginx.conf ./nginx.conf
COPY conf.d/ conf.d/
ADD https://example.com/mime.types /etc/nginx/mime.types
COPY --from=build /src/dist /usr/share/nginx/html
COPY --chown=nginx:nginx ["snippets/proxy.conf", "snippets/ssl.conf", "/etc/nginx/snippets/"]
EXPOSE 80 443/tcp 8000-8002 53/udp

FROM base AS final
ENTRYPOINT ["nginx"]
CMD ["-g", "daemon off;"]
`;

test('a multi-stage Dockerfile: stages, ARG tags, copies of the runtime image, command', () => {
  const { facts, problems } = readDockerfile(abs('web/Dockerfile'), multiStage, abs('web'));
  assert.deepEqual(problems, []);
  assert.deepEqual(
    facts.stages?.map((s) => `${s.image} ${s.name ?? '-'} ${s.platform ?? '-'}`),
    ['node:20-alpine build $BUILDPLATFORM', 'nginx:1.25.4-alpine base -', 'base final -'],
  );
  assert.deepEqual(facts.from, ['node:20-alpine', 'nginx:1.25.4-alpine', 'base']);
  assert.equal(runtimeImage(facts), 'nginx:1.25.4-alpine');
  assert.deepEqual(facts.env, { TZ: 'UTC', APP_HOME: '/srv/my app', LEGACY: 'value with spaces' });
  assert.equal(facts.workdir, '/etc/nginx');
  assert.deepEqual(facts.entrypoint, ['nginx']);
  assert.deepEqual(facts.cmd, ['-g', 'daemon off;']);
  assert.deepEqual(facts.expose, [80, 443, 8000, 8001, 8002]);
  assert.deepEqual(
    facts.copies.map((c) => `${c.stage} ${c.instruction} ${c.sources.map((s) => path.relative(root, s)).join(',')} -> ${c.target}`),
    [
      '0 COPY web/package.json -> /src/',
      '0 COPY web -> /src',
      '1 COPY web/nginx.conf -> /etc/nginx/nginx.conf',
      '1 COPY web/conf.d -> /etc/nginx/conf.d/',
      '1 COPY web/snippets/proxy.conf,web/snippets/ssl.conf -> /etc/nginx/snippets/',
    ],
  );
  // Each fact keeps where it was written.
  assert.deepEqual(facts.stages?.[1].at?.range.start, { line: 15, character: 0 });
  assert.equal(facts.copies[2].at?.range.start.line, 21);
});

test('build args override ARG defaults; an ARG without a default leaves the variable', () => {
  const text = 'ARG TAG=1.24\nARG VARIANT\nFROM nginx:${TAG}${VARIANT:+-$VARIANT}\n';
  assert.deepEqual(readDockerfile(abs('Dockerfile'), text).facts.from, ['nginx:1.24']);
  assert.deepEqual(readDockerfile(abs('Dockerfile'), text, root, { TAG: '1.27.2', VARIANT: 'alpine' }).facts.from, ['nginx:1.27.2-alpine']);
  const unset = readDockerfile(abs('Dockerfile'), 'FROM nginx:$TAG\n');
  assert.deepEqual(unset.facts.from, ['nginx:']);
  assert.deepEqual(
    unset.problems.map((p) => p.message),
    ['FROM nginx:$TAG: TAG has no default here (a build arg may set it): taken as empty'],
  );
});

test('shell forms, the backtick escape, comments and problems', () => {
  const text = '# escape=`\nFROM tomcat:10.1\nWORKDIR app\nCOPY conf `\n     /usr/local/tomcat/conf\nCMD catalina.sh run\nCOPY onlyone\n';
  const { facts, problems } = readDockerfile(abs('t/Dockerfile'), text);
  assert.equal(facts.workdir, '/app');
  assert.deepEqual(facts.cmd, ['/bin/sh', '-c', 'catalina.sh run']);
  assert.deepEqual(
    facts.copies.map((c) => [path.relative(root, c.sources[0]), c.target]),
    [['t/conf', '/usr/local/tomcat/conf']],
  );
  assert.deepEqual(
    problems.map((p) => p.message),
    ['COPY needs a source and a destination'],
  );
  assert.deepEqual(
    readDockerfile(abs('x/Dockerfile'), 'RUN echo hi\n').problems.map((p) => p.message),
    ['RUN before the first FROM', 'no FROM: not a Dockerfile Docker can build'],
  );
});
