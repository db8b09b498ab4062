// Apache httpd behind nginx under compose: the race found on both sides, the raise written as a
// KeepAliveTimeout line (the race then gone), KeepAlive Off keeping nothing alive, and httpd's
// files told from nginx's in the same folders.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { abs, analyzeFiles, applyEdits, root } from '../support/memoryWorkspace';
import { parseApacheConfig } from '../../server/src/core/backends/apache/config';

const nginx = `upstream legacy {
    server apache:8080;
    keepalive 16;
}

server {
    listen 80;
    location / {
        proxy_pass http://legacy;
        proxy_http_version 1.1;
        proxy_set_header Connection "";
    }
}
`;
const compose = `services:
  nginx:
    image: nginx:1.27
    volumes:
      - ./nginx/conf.d:/etc/nginx/conf.d:ro
    ports: ["80:80"]
  apache:
    build: ./apache
`;
const httpdConf = `ServerRoot "/usr/local/apache2"
Listen 8080
LoadModule mpm_event_module modules/mod_mpm_event.so
LoadModule proxy_module modules/mod_proxy.so
User daemon
Group daemon
ServerAdmin you@example.com
DocumentRoot "/usr/local/apache2/htdocs"
ErrorLog /proc/self/fd/2
#Include conf/extra/httpd-default.conf
Include conf/sites/*.conf
`;
const site = (body = '') => `<VirtualHost *:8080>
    ServerName legacy.example.com
${body}    ProxyPass / http://127.0.0.1:9000/
</VirtualHost>
`;

function layout(siteText: string, main = httpdConf): Record<string, string> {
  return {
    'docker-compose.yml': compose,
    'nginx/conf.d/default.conf': nginx,
    'apache/Dockerfile': 'FROM httpd:2.4\nCOPY conf/ /usr/local/apache2/conf/\n',
    'apache/conf/httpd.conf': main,
    'apache/conf/sites/legacy.conf': siteText,
  };
}

const races = (files: Record<string, string>) => analyzeFiles(files).findings.filter((f) => f.code === 'keepalive-race');

function raise(files: Record<string, string>): { edited: string; text: string; after: Record<string, string> } {
  const race = races(files).find((f) => !f.location.file.endsWith('default.conf'));
  assert.ok(race, 'a race on the Apache side');
  const fix = race.fixes.find((f) => f.isPreferred)!;
  const edited = path.relative(root, fix.edits[0].file);
  const text = applyEdits(files[edited], fix.edits);
  return { edited, text, after: { ...files, [edited]: text } };
}

test("httpd's own 5 s races nginx's 60 s: both sides, the virtual host underlined, linked through compose", () => {
  const files = layout(site());
  const { analysis, findings } = analyzeFiles(files);
  assert.equal(analysis.links.length, 1, JSON.stringify(findings.map((f) => f.message)));
  const found = findings.filter((f) => f.code === 'keepalive-race');
  assert.deepEqual(found.map((f) => path.relative(root, f.location.file)).sort(), [
    'apache/conf/sites/legacy.conf',
    'nginx/conf.d/default.conf',
  ]);
  const apacheSide = found.find((f) => f.location.file.endsWith('legacy.conf'))!;
  assert.match(apacheSide.message, /Apache httpd closes them after 5s/);
  assert.deepEqual(apacheSide.location.range.start, { line: 0, character: 0 });
  assert.ok(apacheSide.related.some((r) => r.location.file === abs('nginx/conf.d/default.conf')));
  assert.ok(apacheSide.related.some((r) => /httpd default, KeepAliveTimeout unset/.test(r.message)));
  assert.equal(analysis.endpoints.filter((e) => e.kind === 'apache').length, 1, 'Listen 8080 is the virtual host, not a second endpoint');
});

test('the raise adds KeepAliveTimeout to the virtual host, indented as its directives; the race is gone', () => {
  const { edited, text, after } = raise(layout(site()));
  assert.equal(edited, 'apache/conf/sites/legacy.conf');
  assert.equal(text, site().replace('<VirtualHost *:8080>\n', '<VirtualHost *:8080>\n    KeepAliveTimeout 90\n'));
  assert.deepEqual(parseApacheConfig(text).problems, []);
  assert.deepEqual(races(after), []);
});

test('a server-level KeepAliveTimeout in httpd.conf decides; the raise changes it there', () => {
  const main = httpdConf.replace('Listen 8080\n', 'Listen 8080\nKeepAlive On\nKeepAliveTimeout 15\n');
  const { edited, text, after } = raise(layout(site(), main));
  assert.equal(edited, 'apache/conf/httpd.conf');
  assert.ok(text.includes('KeepAliveTimeout 90\n'), text);
  assert.deepEqual(races(after), []);
});

test("the virtual host's own value beats the server's, and is the one raised", () => {
  const main = httpdConf.replace('Listen 8080\n', 'Listen 8080\nKeepAliveTimeout 120\n');
  const { edited, text } = raise(layout(site('    KeepAliveTimeout 3\n'), main));
  assert.equal(edited, 'apache/conf/sites/legacy.conf');
  assert.ok(text.includes('    KeepAliveTimeout 90\n'), text);
});

test('KeepAlive Off, in the virtual host or the server: nothing is kept alive, no race', () => {
  assert.deepEqual(races(layout(site('    KeepAlive Off\n'))), []);
  assert.deepEqual(races(layout(site(), httpdConf.replace('Listen 8080\n', 'Listen 8080\nKeepAlive Off\n'))), []);
});

test('a KeepAliveTimeout httpd refuses is an error where it is written', () => {
  const { findings } = analyzeFiles(layout(site('    KeepAliveTimeout 5 seconds\n')));
  const invalid = findings.find((f) => f.code === 'invalid-value');
  assert.ok(invalid, JSON.stringify(findings.map((f) => f.message)));
  assert.equal(path.relative(root, invalid.location.file), 'apache/conf/sites/legacy.conf');
  assert.match(invalid.message, /^KeepAliveTimeout takes one argument/);
});

test('hostile files are read in linear time: 20,000 sections never closed, a 50,000-line continued directive', () => {
  const started = Date.now();
  const { findings } = analyzeFiles({
    'apache/conf.d/a.conf': `<VirtualHost *:80>\n${'KeepAliveTimeout \\\n'.repeat(50_000)}${'<IfModule x>\n'.repeat(20_000)}`,
    'apache/httpd.conf': `ServerRoot /x\n${'Include conf.d/*.conf\n'.repeat(5000)}Listen 80\n`,
  });
  assert.ok(Date.now() - started < 10_000, `${Date.now() - started} ms`);
  assert.ok(findings.some((f) => f.code === 'apache-config' && /never closed/.test(f.message)));
});
