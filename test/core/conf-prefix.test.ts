// Includes resolve as nginx resolves them (issue 13, item 2): relative paths against the prefix of
// the main file, whichever file the include is written in; a file no main file includes against
// the prefix nginx would give it (the folder above sites-available/, conf.d/, snippets/; a main file
// beside or above it; the repository's etc/nginx); and a file other files include is read there,
// once, in its includer's context.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { analyzeFiles, memoryHost, root } from '../support/memoryWorkspace';
import { Workspace } from '../../server/src/core/workspace';
import { readSettings } from '../../server/src/core/settings';
import { liveWorkspace, summary } from '../support/liveWorkspace';
import { analyzeFiles as fresh } from '../support/memoryWorkspace';

const tomcat = '<Server port="-1"><Service name="Catalina">\n  <Connector port="8080" connectionTimeout="7000"/>\n</Service></Server>\n';
const upstream = 'upstream app {\n    server tomcat:8080;\n    keepalive 16;\n}\n';
const site = (include: string) =>
  `${upstream}server {\n    listen 80;\n    location / {\n        ${include}\n        proxy_pass http://app;\n    }\n}\n`;
/** nginx 1.24: without the snippet's HTTP/1.1 and Connection "" nothing is reused, so the race says the snippet was read. */
const snippet = 'proxy_http_version 1.1;\nproxy_set_header Connection "";\n';
const v124 = { nginx: { version: '1.24.0' } };

function said(files: Record<string, string>, settings: unknown = v124): string[] {
  return analyzeFiles(files, settings)
    .findings.map((f) => `${path.relative(root, f.location.file)}:${f.location.range.start.line + 1} ${f.code}`)
    .sort();
}

test('a site no nginx.conf includes resolves its relative includes against the folder above sites-available/', () => {
  assert.deepEqual(
    said({
      'etc/nginx/sites-available/app': site('include snippets/proxy.conf;'),
      'etc/nginx/snippets/proxy.conf': snippet,
      'tomcat/conf/server.xml': tomcat,
    }),
    ['etc/nginx/sites-available/app:1 keepalive-race', 'tomcat/conf/server.xml:2 keepalive-race'],
  );
});

test("a Docker repository's conf.d/default.conf resolves /etc/nginx/snippets against the folder above conf.d/", () => {
  assert.deepEqual(
    said({
      'docker/nginx/conf.d/default.conf': site('include /etc/nginx/snippets/proxy.conf;'),
      'docker/nginx/snippets/proxy.conf': snippet,
      'tomcat/conf/server.xml': tomcat,
    }),
    ['docker/nginx/conf.d/default.conf:1 keepalive-race', 'tomcat/conf/server.xml:2 keepalive-race'],
  );
});

test('a snippet a lone file includes is read there only, never at the http level of the lone files', () => {
  // Read at the http level too, the snippet's HTTP/1.1 and Connection "" would reach location /b.
  const files = {
    'nginx/conf.d/default.conf': `${upstream}server {\n    location / {\n        include /etc/nginx/snippets/proxy.conf;\n        proxy_pass http://app;\n    }\n    location /b {\n        proxy_pass http://app;\n    }\n}\n`,
    'nginx/snippets/proxy.conf': snippet,
    'tomcat/conf/server.xml': tomcat,
  };
  assert.deepEqual(said(files), [
    'nginx/conf.d/default.conf:1 keepalive-race',
    'nginx/conf.d/default.conf:11 keepalive-lost',
    'tomcat/conf/server.xml:2 keepalive-race',
  ]);
});

test('a site that is not enabled resolves against the prefix of the nginx.conf above it', () => {
  assert.deepEqual(
    said({
      'etc/nginx/nginx.conf': 'events {}\nhttp {\n    include /etc/nginx/sites-enabled/*;\n}\n',
      'etc/nginx/sites-available/old': 'server {\n    location / {\n        include snippets/proxy.conf;\n    }\n}\n',
      'etc/nginx/snippets/proxy.conf': snippet,
      'etc/nginx/extra/site.conf': 'server {\n    location / {\n        include snippets/proxy.conf;\n    }\n}\n',
    }),
    [],
  );
});

test('a lone file far below an nginx.conf, in no folder nginx includes from, keeps its own folder', () => {
  assert.deepEqual(
    said({
      'nginx.conf': 'events {}\nhttp {\n}\n',
      'services/shop/proxy/site.conf': site('include snippets/proxy.conf;'),
      'services/shop/proxy/snippets/proxy.conf': snippet,
      'tomcat/conf/server.xml': tomcat,
    }),
    ['services/shop/proxy/site.conf:1 keepalive-race', 'tomcat/conf/server.xml:2 keepalive-race'],
  );
});

test('the prefix never goes above the analysed folder (a workspace of conf.d/ alone)', () => {
  const dir = path.join(root, 'conf.d');
  const texts = new Map([[path.join(dir, 'app.conf'), site('include snippets/proxy.conf;')]]);
  const workspace = new Workspace(dir, memoryHost(texts), readSettings(v124).settings);
  for (const [file, text] of texts) workspace.setFile(file, 'nginx', text);
  assert.deepEqual(
    workspace
      .analyze()
      .findings.filter((f) => f.code === 'nginx-include')
      .map((f) => f.message.split(dir).join('<dir>')),
    [
      'include file not found: snippets/proxy.conf. nginx would read <dir>/snippets/proxy.conf: relative paths are resolved against the folder of the main nginx.conf, <dir>.',
    ],
  );
});

test('an edit that makes a lone file include another: the kept analysis says what a fresh one says', () => {
  const files: Record<string, string> = {
    'nginx/conf.d/a.conf': site('proxy_set_header X-A a;'),
    'nginx/conf.d/b.conf': 'proxy_http_version 1.1;\nproxy_set_header Connection "";\n',
    'nginx/conf.d/c.conf': 'server {\n    location /c {\n        proxy_pass http://app;\n    }\n}\n',
    'tomcat/conf/server.xml': tomcat,
  };
  const live = liveWorkspace(files);
  live.workspace.setSettings({ ...live.workspace.settingsInUse, nginxVersion: '1.24.0' });
  const check = (what: string) => {
    const kept = summary(live.workspace.analyze());
    assert.deepEqual(kept, summary(fresh(live.current(), v124)), what);
    return kept;
  };
  // b.conf at the http level of the lone files: every location reuses.
  assert.ok(check('first').some((line) => line.includes('[keepalive-race]')));
  live.put('nginx/conf.d/a.conf', site('include conf.d/b.conf;'));
  check('a.conf includes b.conf: b.conf no longer at the http level');
  live.put('nginx/conf.d/a.conf', site('proxy_set_header X-A a;'));
  check('the include gone again');
  live.put('nginx/conf.d/b.conf', undefined);
  check('b.conf deleted');
  live.put('nginx/conf.d/b.conf', files['nginx/conf.d/b.conf']);
  live.put('nginx/conf.d/c.conf', 'include conf.d/b.conf;\n' + files['nginx/conf.d/c.conf']);
  check('c.conf includes b.conf');
});
