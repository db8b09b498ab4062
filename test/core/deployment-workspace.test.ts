// The deployment files inside the workspace (issue 13, item 3): compose files, `.env` and
// Dockerfiles registered beside nginx and server.xml decide where includes resolve, which file is
// the main nginx.conf, which nginx version applies to each configuration and which service an
// upstream reaches; they are read again only when one of them changed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { abs, analyzeFiles, root } from '../support/memoryWorkspace';
import { liveWorkspace, summary } from '../support/liveWorkspace';
import { linkSummaries } from '../../server/src/core/link';
import { nginxVersionOf } from '../../server/src/core/analysis';
import { chainHover } from '../../server/src/core/hover';
import type { AnalysisResult } from '../../server/src/core/workspace';

const tomcat = (ms: number) =>
  `<Server port="-1"><Service name="Catalina">\n  <Connector port="8080" connectionTimeout="${ms}"/>\n</Service></Server>\n`;

/** nginx.conf mounted as the main file; its relative include reaches a folder mounted from elsewhere. */
const mounted = {
  'docker-compose.yml': `services:
  proxy:
    image: nginx:1.24.0-alpine
    volumes:
      - ./proxy/nginx.conf:/etc/nginx/nginx.conf:ro
      - ./shared/upstreams:/etc/nginx/upstreams:ro
  app:
    build: ./app
`,
  'app/Dockerfile': 'FROM tomcat:10.1\nCOPY conf/ /usr/local/tomcat/conf/\n',
  'app/conf/server.xml': tomcat(7000),
  // A second Tomcat on 8080 that no service runs: by port alone it would be linked too.
  'spare/conf/server.xml': tomcat(4000),
  'proxy/nginx.conf': `events {}
http {
    include upstreams/*.conf;
    server {
        listen 80;
        location / {
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_pass http://app;
        }
        location /plain/ {
            proxy_pass http://plain;
        }
    }
}
`,
  'shared/upstreams/app.conf': 'upstream app {\n    server app:8080;\n    keepalive 8;\n}\nupstream plain {\n    server app:8080;\n}\n',
};

const relative = (file: string) => path.relative(root, file).split(path.sep).join('/');
const where = (result: AnalysisResult) => result.findings.map((f) => `${f.code} ${relative(f.location.file)}`).sort();

test('a compose workspace: the mounted main file includes through the mounts, links go through services', () => {
  const result = analyzeFiles(mounted);
  const { analysis } = result;
  assert.deepEqual(analysis.nginxFiles.map((f) => relative(f.path)).sort(), ['proxy/nginx.conf', 'shared/upstreams/app.conf']);
  assert.deepEqual(
    linkSummaries(analysis.links).map((l) => `${l.upstream} -> ${relative(abs(l.connector.split(',')[0]))} (${l.how})`),
    [
      'upstream app, server app:8080 -> app/conf/server.xml (via compose service app, port 8080)',
      'upstream plain, server app:8080 -> app/conf/server.xml (via compose service app, port 8080)',
    ],
  );
  assert.deepEqual(analysis.links[0].through, { service: 'app', port: 8080, how: 'service name', deployment: 'docker-compose.yml' });
  // nginx 1.24.0 from the image tag: `plain` (no keepalive) keeps no connections, `app` races.
  assert.deepEqual(where(result), ['keepalive-race app/conf/server.xml', 'keepalive-race shared/upstreams/app.conf']);
  const [config] = analysis.configs;
  const version = nginxVersionOf(analysis, config);
  assert.equal(version.label, '1.24.0');
  assert.equal(version.assumed, false);
  assert.match(version.source ?? '', /nginx:1\.24\.0-alpine: nginx 1\.24\.0; the image of compose service proxy in docker-compose\.yml/);
  const hover = chainHover(analysis, config, config.http.upstreams.get('app')!);
  assert.match(
    hover,
    /^→ server app:8080 → app\/conf\/server\.xml, Connector port 8080 \(Service Catalina\) via compose service app, port 8080: /m,
  );
  assert.match(hover, /nginx version: 1\.24\.0, from nginx:1\.24\.0-alpine/);
});

test('the nginx.version setting wins over the image; the prefixMap setting over the mounts', () => {
  const files = { ...mounted, 'mine/app.conf': 'upstream app {\n    server app:8080;\n    keepalive 8;\n}\n' };
  const result = analyzeFiles(files, { nginx: { version: '1.29.7', prefixMap: { '/etc/nginx/upstreams': 'mine' } } });
  const { analysis } = result;
  // shared/ is still nginx, read on its own: nothing includes it now.
  assert.deepEqual(analysis.nginxFiles.map((f) => relative(f.path)).sort(), [
    'mine/app.conf',
    'proxy/nginx.conf',
    'shared/upstreams/app.conf',
  ]);
  assert.deepEqual(
    analysis.configs[0].includes().flatMap((edge) => edge.targets.map(relative)),
    ['mine/app.conf'],
  );
  assert.equal(nginxVersionOf(analysis, analysis.configs[0]).label, '1.29.7');
  assert.equal(nginxVersionOf(analysis, analysis.configs[0]).source, undefined);
  // `plain` is gone with shared/, so its proxy_pass names no upstream: nginx resolves `plain` as a host.
  assert.deepEqual(where(result), ['keepalive-race app/conf/server.xml', 'keepalive-race mine/app.conf']);
});

test("conf.d files with an nginx image and no nginx.conf: read as the image's own main file includes them", () => {
  const files = {
    'compose.yaml':
      'services:\n  web:\n    image: nginx:mainline-alpine\n    volumes: ["./site:/etc/nginx/conf.d:ro"]\n  app:\n    build: ./app\n',
    'app/Dockerfile': 'FROM tomcat:10.1\nCOPY conf/ /usr/local/tomcat/conf/\n',
    'app/conf/server.xml': tomcat(7000),
    'site/default.conf':
      'upstream app {\n    server app:8080;\n}\nserver {\n    listen 80;\n    location / {\n        proxy_pass http://app;\n    }\n}\n',
    // Not `*.conf`: the stock nginx.conf does not include it, so it is read on its own.
    'site/old.conf.off': 'upstream old {\n    server app:8080;\n}\n',
  };
  const result = analyzeFiles(files);
  const { analysis } = result;
  const [stock, ...rest] = analysis.configs;
  assert.equal(stock.root?.path, '/etc/nginx/nginx.conf', 'the stand-in for the image main file');
  assert.deepEqual([...stock.http.upstreams.keys()], ['app']);
  assert.equal(rest.length, 0, 'old.conf.off is not nginx by its name: not read at all');
  // mainline follows 1.31.x, which reuses connections by default: the race, said as assumed.
  const version = nginxVersionOf(analysis, stock);
  assert.equal(version.label, '1.31');
  assert.match(version.source ?? '', /nginx:mainline-alpine: follows mainline 1\.31\.x .*\(assumed\)/);
  assert.deepEqual(where(result), ['keepalive-race app/conf/server.xml', 'keepalive-race site/default.conf']);
  const race = result.findings.find((f) => f.location.file === abs('site/default.conf'))!;
  assert.ok(!/assumed/.test(race.message), 'the message says the outcome, not the assumption');
  assert.ok(
    race.related.some((r) => /nginx 1\.31 \(from nginx:mainline-alpine: .*\(assumed\)/.test(r.message)),
    'the version assumed, in related information',
  );
});

test('each configuration takes the version of the image that runs it', () => {
  const main = (upstream: string) =>
    `events {}\nhttp {\n    upstream ${upstream} {\n        server app:8080;\n    }\n    server {\n        location / {\n            proxy_pass http://${upstream};\n        }\n    }\n}\n`;
  const files = {
    'compose.yaml':
      'services:\n  old:\n    image: nginx:1.24.0\n    volumes: ["./old/nginx.conf:/etc/nginx/nginx.conf"]\n  app:\n    build: ./app\n',
    'edge/Dockerfile': 'FROM nginx:1.29.7-alpine\nCOPY nginx.conf /etc/nginx/nginx.conf\n',
    'edge/nginx.conf': main('edge_pool'),
    'old/nginx.conf': main('old_pool'),
    'app/Dockerfile': 'FROM tomcat:10.1\nCOPY conf/ /usr/local/tomcat/conf/\n',
    'app/conf/server.xml': tomcat(7000),
  };
  const result = analyzeFiles(files);
  const { analysis } = result;
  const versions = analysis.configs.map((c) => `${relative(c.root!.path)} ${nginxVersionOf(analysis, c).label}`).sort();
  assert.deepEqual(versions, ['edge/nginx.conf 1.29.7', 'old/nginx.conf 1.24.0']);
  assert.equal(analysis.nginxVersion.assumed, true, 'the images disagree: no version for the rest');
  // Only 1.29.7 reuses without keepalive: edge_pool races, old_pool keeps no connections.
  assert.deepEqual(where(result), ['keepalive-race app/conf/server.xml', 'keepalive-race edge/nginx.conf']);
});

test('the deployment files are read again only when one changed', () => {
  const live = liveWorkspace(mounted);
  const first = live.workspace.analyze();
  live.put('proxy/nginx.conf', mounted['proxy/nginx.conf'].replace('listen 80;', 'listen 8000;'));
  const second = live.workspace.analyze();
  assert.equal(second.analysis.settings, first.analysis.settings, 'an nginx edit keeps the deployment reading');
  assert.deepEqual(second.findings, first.findings);
  // The service renamed: `app:8080` no longer names it, and the link is made by port (and the folder named app).
  live.put('docker-compose.yml', mounted['docker-compose.yml'].replace('  app:\n', '  backend:\n'));
  const third = live.workspace.analyze();
  assert.notEqual(third.analysis.settings, first.analysis.settings);
  assert.deepEqual(
    linkSummaries(third.analysis.links).map((l) => l.how),
    ['by port', 'by port'],
  );
  assert.deepEqual(where(third), where(first));
  // A broken compose file is a finding on it; what it said before is no longer used.
  live.put('docker-compose.yml', 'services:\n  proxy: [\n');
  const broken = live.workspace.analyze();
  assert.deepEqual(
    broken.findings.filter((f) => f.code === 'deployment-file').map((f) => `${relative(f.location.file)} ${f.severity}`),
    ['docker-compose.yml error'],
  );
  assert.deepEqual(
    linkSummaries(broken.analysis.links).map((l) => l.how),
    ['by port', 'by port'],
  );
  // Gone: back to nothing read from it.
  live.put('docker-compose.yml', undefined);
  assert.ok(!live.workspace.analyze().findings.some((f) => f.code === 'deployment-file'));
});

test("OpenResty's four-part tag names the nginx inside; a Dockerfile alone places its conf.d file", () => {
  const files = {
    'edge/Dockerfile': 'FROM openresty/openresty:1.27.1.2-alpine\nCOPY default.conf /etc/nginx/conf.d/default.conf\n',
    'edge/default.conf':
      'upstream app {\n    server 127.0.0.1:8080;\n}\nserver {\n    listen 80;\n    location / {\n        proxy_pass http://app;\n    }\n}\n',
    'tomcat/conf/server.xml': tomcat(7000),
  };
  const { analysis, findings } = analyzeFiles(files);
  const [config] = analysis.configs;
  assert.equal(config.root?.path, '/usr/local/openresty/nginx/conf/nginx.conf', "the stand-in for OpenResty's main file");
  const version = nginxVersionOf(analysis, config);
  assert.equal(version.label, '1.27.1');
  assert.match(version.source ?? '', /OpenResty 1\.27\.1\.2: nginx core 1\.27\.1; the image of edge\/Dockerfile/);
  // nginx 1.27.1 keeps no connections without keepalive: linked by port, and no race.
  assert.deepEqual(
    linkSummaries(analysis.links).map((l) => l.how),
    ['by port'],
  );
  assert.deepEqual(findings, []);
});

test('after each edit of a deployment or nginx file, the kept analysis says what a fresh one says', () => {
  const files: Record<string, string> = {
    ...mounted,
    'compose.override.yml': 'services:\n  proxy:\n    image: nginx:1.29.7\n',
    'site/default.conf':
      'upstream spare {\n    server spare:8080;\n}\nserver {\n    location / {\n        proxy_pass http://spare;\n    }\n}\n',
  };
  const live = liveWorkspace(files);
  const edits: [string, string | undefined][] = [
    // The override's image: nginx 1.29.7 reuses `plain` by default, then 1.24.0 again once it goes.
    ['proxy/nginx.conf', files['proxy/nginx.conf'].replace('listen 80;', 'listen 81;')],
    ['compose.override.yml', undefined],
    // conf.d mounted from site/: a stand-in main file includes it; then the mount moves.
    ['docker-compose.yml', files['docker-compose.yml'].replace('    volumes:\n', '    volumes:\n      - ./site:/etc/nginx/conf.d:ro\n')],
    ['site/default.conf', files['site/default.conf'].replace('spare:8080', 'app:8080')],
    ['docker-compose.yml', files['docker-compose.yml'].replace('./shared/upstreams', './elsewhere')],
    ['.env', 'UNUSED=1\n'],
    ['docker-compose.yml', files['docker-compose.yml']],
  ];
  for (const [file, text] of edits) {
    live.put(file, text);
    const kept = summary(live.workspace.analyze());
    assert.deepEqual(kept, summary(analyzeFiles(live.current())), `after editing ${file}`);
  }
});
