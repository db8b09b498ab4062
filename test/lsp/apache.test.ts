// Apache httpd behind nginx, over stdio: the vhost file in sites-enabled/ (a folder nginx uses too)
// read as httpd's, diagnostics on it and on nginx, the quick fix rewriting KeepAliveTimeout, and the
// file edited on disk re-read.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { uri } from '../support/lspClient';
import { lspWorkspace } from '../support/lspWorkspace';

const site = 'apache/sites-enabled/legacy.conf';
const siteText = (body: string) => `<VirtualHost *:8080>\n    ServerName legacy.example.com\n${body}</VirtualHost>\n`;
const files: Record<string, string> = {
  'nginx/nginx.conf':
    'events {}\nhttp {\n    upstream legacy {\n        server legacy:8080;\n        keepalive 8;\n    }\n    server {\n        location / {\n            proxy_pass http://legacy;\n            proxy_http_version 1.1;\n            proxy_set_header Connection "";\n        }\n    }\n}\n',
  [site]: siteText('    KeepAliveTimeout 5\n'),
};

describe('language server: an Apache httpd virtual host', () => {
  const workspace = lspWorkspace('timeout-chain-apache-', files, site);

  test('both sides underlined: the 5 of KeepAliveTimeout, the upstream in nginx.conf; no nginx finding on the vhost file', () => {
    workspace.assertBothSides(site, { start: { line: 2, character: 21 }, end: { line: 2, character: 22 } }, 'nginx/nginx.conf');
    assert.deepEqual(
      workspace.client.diagnosticsOf(workspace.file(site)).filter((d) => d.code === 'nginx-syntax'),
      [],
    );
  });

  test('the preferred quick fix rewrites the value; applied on disk, the race is gone', async () => {
    const preferred = await workspace.preferredFix(site);
    assert.match(preferred.title, /Apache KeepAliveTimeout to 90/);
    assert.deepEqual(
      (preferred.edit?.changes?.[uri(workspace.file(site))] ?? []).map((e) => e.newText),
      ['90'],
    );
    await workspace.rewriteUntilNoRace(site, siteText('    KeepAliveTimeout 90\n'), [site, 'nginx/nginx.conf']);
  });
});
