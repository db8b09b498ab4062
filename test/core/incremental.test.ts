// The incremental analysis against a fresh one: after every edit, a Workspace that kept its parses,
// expansions and findings must say exactly what a new Workspace reading the same texts says, and
// must hand back the very same finding objects for what the edit could not affect.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { abs, analyzeFiles } from '../support/memoryWorkspace';
import { liveWorkspace, summary } from '../support/liveWorkspace';

const upstream = (name: string, port: number, timeout: string) =>
  `upstream ${name} {\n    server ${name}:${port};\n    keepalive 16;\n    keepalive_timeout ${timeout};\n}\n`;
const site = (name: string) =>
  `server {\n    server_name ${name}.example.com;\n    location / {\n        include snippets/proxy.conf;\n        proxy_pass http://${name};\n    }\n}\n`;
const serverXml = (port: number, attrs: string) =>
  `<Server port="8005">\n  <Service name="Catalina">\n    <Connector port="${port}" protocol="HTTP/1.1" ${attrs} />\n  </Service>\n</Server>\n`;

const initial: Record<string, string> = {
  'nginx/nginx.conf':
    'events {}\nhttp {\n    proxy_http_version 1.1;\n    proxy_set_header Connection "";\n    include conf.d/*.conf;\n}\n',
  'nginx/snippets/proxy.conf': 'proxy_set_header Host $host;\nproxy_set_header Connection "";\n',
  'nginx/conf.d/a.conf': upstream('a', 8081, '60s') + site('a'),
  'nginx/conf.d/b.conf': upstream('b', 8082, '30s') + site('b'),
  'nginx/conf.d/c.conf': upstream('c', 8083, '30s') + site('c'),
  'tomcat-a/conf/server.xml': serverXml(8081, 'connectionTimeout="20000"'),
  'tomcat-b/conf/server.xml': serverXml(8082, 'connectionTimeout="${http.timeout}"'),
  'tomcat-b/conf/catalina.properties': 'http.timeout=20000\n',
  'tomcat-c/conf/server.xml': serverXml(8083, 'connectionTimeout="20000"'),
};

const edits: [string, (files: Record<string, string>) => Record<string, string | undefined>][] = [
  ['an upstream keepalive_timeout', (f) => ({ 'nginx/conf.d/a.conf': f['nginx/conf.d/a.conf'].replace('60s', '15s') })],
  ['a Tomcat timeout', (f) => ({ 'tomcat-c/conf/server.xml': f['tomcat-c/conf/server.xml'].replace('20000', '5000') })],
  ['a catalina.properties value', () => ({ 'tomcat-b/conf/catalina.properties': 'http.timeout=90000\n' })],
  [
    'the snippet included everywhere',
    (f) => ({ 'nginx/snippets/proxy.conf': f['nginx/snippets/proxy.conf'].replace('Connection ""', 'Connection close') }),
  ],
  ['the snippet back', () => ({ 'nginx/snippets/proxy.conf': initial['nginx/snippets/proxy.conf'] })],
  [
    'a directive the model does not read, added to the snippet',
    (f) => ({ 'nginx/snippets/proxy.conf': f['nginx/snippets/proxy.conf'] + 'proxy_read_timeout 60s;\n' }),
  ],
  ['its value changed, same length', (f) => ({ 'nginx/snippets/proxy.conf': f['nginx/snippets/proxy.conf'].replace('60s', '65s') })],
  [
    "lines added above the snippet's headers (every directive moves)",
    (f) => ({ 'nginx/snippets/proxy.conf': '# shared\nproxy_buffering on;\n' + f['nginx/snippets/proxy.conf'] }),
  ],
  [
    'a header renamed in place (same offsets)',
    (f) => ({ 'nginx/snippets/proxy.conf': f['nginx/snippets/proxy.conf'].replace('Host $host', 'Hxst $host') }),
  ],
  [
    'a line joined to the next (same length, lines move)',
    (f) => ({ 'nginx/conf.d/c.conf': f['nginx/conf.d/c.conf'].replace('keepalive 16;\n', 'keepalive 16; ') }),
  ],
  ['a comment typed before an upstream', (f) => ({ 'nginx/conf.d/b.conf': `# upstream b\n${f['nginx/conf.d/b.conf']}` })],
  [
    'a comment typed before a racing upstream: its timeout moves',
    (f) => ({ 'nginx/conf.d/c.conf': `# upstream c, racing\n${f['nginx/conf.d/c.conf']}` }),
  ],
  [
    "a location's unread directive edited",
    (f) => ({
      'nginx/conf.d/b.conf': f['nginx/conf.d/b.conf'].replace('proxy_pass http://b;', 'proxy_pass http://b;\n        root /srv;'),
    }),
  ],
  [
    'the http level that every server inherits',
    (f) => ({ 'nginx/nginx.conf': f['nginx/nginx.conf'].replace('proxy_http_version 1.1;', 'proxy_http_version 1.0;') }),
  ],
  ['a syntax error', (f) => ({ 'nginx/conf.d/b.conf': f['nginx/conf.d/b.conf'].replace('keepalive 16;', 'keepalive 16') })],
  ['the syntax mended', (f) => ({ 'nginx/conf.d/b.conf': f['nginx/conf.d/b.conf'].replace('keepalive 16\n', 'keepalive 16;\n') })],
  ['the http level back', () => ({ 'nginx/nginx.conf': initial['nginx/nginx.conf'] })],
  ['a new conf.d file matching the glob', () => ({ 'nginx/conf.d/d.conf': upstream('d', 8081, '75s') + site('d') })],
  ['a conf.d file deleted', () => ({ 'nginx/conf.d/c.conf': undefined })],
  ['an invalid value', (f) => ({ 'nginx/conf.d/a.conf': f['nginx/conf.d/a.conf'].replace('15s', '1M') })],
  [
    'an include of a file that does not exist yet',
    (f) => ({
      'nginx/conf.d/a.conf': f['nginx/conf.d/a.conf'].replace(
        'include snippets/proxy.conf;',
        'include snippets/proxy.conf;\n        include snippets/extra.conf;',
      ),
    }),
  ],
  ['the missing file created', () => ({ 'nginx/snippets/extra.conf': 'proxy_read_timeout 30s;\n' })],
  ['an include cycle', () => ({ 'nginx/snippets/extra.conf': 'include conf.d/a.conf;\n' })],
  ['the cycle broken', () => ({ 'nginx/snippets/extra.conf': 'proxy_http_version 1.0;\n' })],
  ['a file nothing includes', () => ({ 'lone/site.conf': 'server {\n    location / {\n        proxy_pass http://b;\n    }\n}\n' })],
  ['a second main file including the first', () => ({ 'other/nginx.conf': 'events {}\nhttp {\n    include ../nginx/conf.d/b.conf;\n}\n' })],
  ['the second main file gone', () => ({ 'other/nginx.conf': undefined })],
  [
    'the snippet sends Connection close (messages quote its line)',
    (f) => ({ 'nginx/snippets/proxy.conf': f['nginx/snippets/proxy.conf'].replace('Connection ""', 'Connection close') }),
  ],
  [
    'a comment above it: the quoted line moves',
    (f) => ({ 'nginx/snippets/proxy.conf': `# shared by every location\n${f['nginx/snippets/proxy.conf']}` }),
  ],
  [
    'a header above it renamed, a longer name: kept, and the Connection line moves',
    (f) => ({ 'nginx/snippets/proxy.conf': f['nginx/snippets/proxy.conf'].replace('Hxst $host', 'X-Forwarded-Host $host') }),
  ],
  [
    "a server whose location inherits the server's headers, Connection close among them",
    () => ({
      'nginx/conf.d/e.conf':
        upstream('e', 8081, '75s') +
        'server {\n    proxy_set_header X-Real-IP $remote_addr;\n    proxy_set_header Connection close;\n    location / {\n        proxy_pass http://e;\n    }\n}\n',
    }),
  ],
  [
    'the inherited header the fix copies renamed',
    (f) => ({ 'nginx/conf.d/e.conf': f['nginx/conf.d/e.conf'].replace('X-Real-IP $remote_addr', 'X-Client-Address $remote_addr') }),
  ],
  ['its value changed, same length', (f) => ({ 'nginx/conf.d/e.conf': f['nginx/conf.d/e.conf'].replace('$remote_addr', '$realip_addr') })],
  [
    'a server file outside conf.d, included by name',
    (f) => ({
      'nginx/nginx.conf': f['nginx/nginx.conf'].replace('include conf.d/*.conf;', 'include conf.d/*.conf;\n    include extra/server.conf;'),
      'nginx/extra/server.conf': `${upstream('x', 8081, '50s')}server {\n    server_name extra.example.com;\n    location / {\n        proxy_pass http://x;\n    }\n}\n`,
    }),
  ],
  [
    'that include removed: the file is read on its own (its race is still found)',
    (f) => ({ 'nginx/nginx.conf': f['nginx/nginx.conf'].replace('\n    include extra/server.conf;', '') }),
  ],
  [
    'included again',
    (f) => ({
      'nginx/nginx.conf': f['nginx/nginx.conf'].replace('include conf.d/*.conf;', 'include conf.d/*.conf;\n    include extra/server.conf;'),
    }),
  ],
  [
    'a lone file made a main file',
    (f) => ({
      'lone/site.conf': `events {}\nhttp {\n    upstream b {\n        server b:8082;\n        keepalive 8;\n    }\n${f['lone/site.conf']}}\n`,
    }),
  ],
  [
    "a server added after the last include, proxying to x too: its route joins x's list in document order",
    (f) => ({
      'nginx/nginx.conf': f['nginx/nginx.conf'].replace(
        'include extra/server.conf;',
        'include extra/server.conf;\n    server {\n        server_name late.example.com;\n        location / {\n            proxy_pass http://x;\n        }\n    }',
      ),
    }),
  ],
  [
    'a second lone file, proxying to x with the shared snippet',
    () => ({
      'lone/other.conf':
        'server {\n    server_name other.example.com;\n    location / {\n        include ../nginx/snippets/proxy.conf;\n        proxy_pass http://x;\n    }\n}\n',
    }),
  ],
  [
    'that one made a main file with its own upstream x (the main files now come in another order)',
    (f) => ({ 'lone/other.conf': `events {}\nhttp {\n${upstream('x', 8083, '20s')}${f['lone/other.conf']}}\n` }),
  ],
  [
    'and a lone file again',
    (f) => ({
      'lone/site.conf': f['lone/site.conf']
        .replace(/^events \{\}\nhttp \{\n {4}upstream b \{\n {8}server b:8082;\n {8}keepalive 8;\n {4}\}\n/, '')
        .replace(/\}\n$/, ''),
    }),
  ],
];

test('after each edit, the kept analysis says what a fresh one says', () => {
  const live = liveWorkspace(initial);
  live.workspace.analyze();
  for (const [what, edit] of edits) {
    for (const [rel, text] of Object.entries(edit(live.current()))) live.put(rel, text);
    const kept = live.workspace.analyze();
    const fresh = analyzeFiles(live.current());
    assert.deepEqual(summary(kept), summary(fresh), `after ${what}`);
    assert.ok(kept.findings.length > 0, `after ${what}: the workspace has findings to compare`);
  }
});

test('an edit leaves the findings it cannot affect as the same objects', () => {
  const live = liveWorkspace(initial);
  const before = live.workspace.analyze().findings;
  const onB = (findings: typeof before) =>
    findings.filter((f) => f.location.file === abs('nginx/conf.d/b.conf') || f.location.file === abs('tomcat-b/conf/server.xml'));
  const onC = (findings: typeof before) =>
    findings.filter((f) => f.location.file.includes('/c.conf') || f.location.file.includes('tomcat-c'));
  assert.ok(onB(before).length > 0 && onC(before).length > 0, 'both pairs race to begin with');
  live.put('nginx/conf.d/c.conf', initial['nginx/conf.d/c.conf'].replace('30s', '25s'));
  const after = live.workspace.analyze().findings;
  assert.equal(onB(after).length, onB(before).length);
  assert.ok(
    onB(after).every((f, i) => f === onB(before)[i]),
    'the findings of the untouched pair are reused',
  );
  assert.ok(
    onC(after).some((f) => f.message.includes('25s')),
    'the edited pair is analysed again',
  );
});

test("an edit a shared snippet's includers cannot feel re-reads none of them", () => {
  const live = liveWorkspace({
    ...initial,
    'nginx/snippets/proxy.conf': initial['nginx/snippets/proxy.conf'] + 'proxy_read_timeout 60s;\n',
  });
  const before = live.workspace.analyze();
  const models = () => live.workspace.analyze().analysis.configs.map((c) => c.http);
  const routes = before.analysis.configs.flatMap((c) => c.http.routes);
  live.put('nginx/snippets/proxy.conf', live.current()['nginx/snippets/proxy.conf'].replace('60s', '120s'));
  const after = models();
  assert.ok(
    after.every((model, i) => model === before.analysis.configs[i].http),
    'the http model is the same object',
  );
  assert.ok(
    after.flatMap((m) => m.routes).every((r, i) => r === routes[i]),
    'and so is every route',
  );
  assert.ok(
    before.findings.every((f, i) => f === live.workspace.analyze().findings[i]),
    'and every finding',
  );
  // Another header's name, and a line above everything: nodes move, routes and findings stay.
  live.put(
    'nginx/snippets/proxy.conf',
    `# shared\n${live.current()['nginx/snippets/proxy.conf'].replace('Host $host', 'X-Forwarded-Host $host')}`,
  );
  const moved = live.workspace.analyze();
  assert.ok(moved.analysis.layoutVersion !== before.analysis.layoutVersion, 'the move is counted');
  assert.ok(moved.analysis.configs[0].http === before.analysis.configs[0].http, 'a renamed header other than Connection keeps the model');
  assert.ok(
    before.findings.length > 0 && before.findings.every((f, i) => f === moved.findings[i]),
    'findings that say the same are the same objects',
  );
  // The Connection header is read: every location including the snippet is read again.
  live.put('nginx/snippets/proxy.conf', live.current()['nginx/snippets/proxy.conf'].replace('Connection ""', 'Connection close'));
  assert.ok(
    live.workspace.analyze().analysis.configs[0].http.routes.every((r) => !routes.includes(r)),
    'a Connection edit renews the routes',
  );
});
