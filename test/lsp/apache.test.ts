// Apache httpd behind nginx, over stdio: the vhost file in sites-enabled/ (a folder nginx uses too)
// read as httpd's, diagnostics on it and on nginx, the quick fix adding KeepAliveTimeout, and the
// file edited on disk re-read.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { CodeActionRequest, FileChangeType, DidChangeWatchedFilesNotification, type CodeAction } from 'vscode-languageserver-protocol';
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
  const { client, file } = lspWorkspace('timeout-chain-apache-', files, {
    description: 'the race on the vhost',
    holds: (w) => w.client.diagnosticsOf(w.file(site)).some((d) => d.code === 'keepalive-race'),
  });

  test('both sides underlined: the 5 of KeepAliveTimeout, the upstream in nginx.conf; no nginx finding on the vhost file', () => {
    const apache = client.diagnosticsOf(file(site)).find((d) => d.code === 'keepalive-race')!;
    assert.deepEqual(apache.range, { start: { line: 2, character: 21 }, end: { line: 2, character: 22 } });
    assert.ok(apache.relatedInformation?.some((r) => r.location.uri === uri(file('nginx/nginx.conf'))));
    assert.ok(client.diagnosticsOf(file('nginx/nginx.conf')).some((d) => d.code === 'keepalive-race'));
    assert.deepEqual(
      client.diagnosticsOf(file(site)).filter((d) => d.code === 'nginx-syntax'),
      [],
    );
  });

  test('the preferred quick fix rewrites the value; applied on disk, the race is gone', async () => {
    const apache = client.diagnosticsOf(file(site)).find((d) => d.code === 'keepalive-race')!;
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: uri(file(site)) },
      range: apache.range,
      context: { diagnostics: [apache] },
    })) as CodeAction[];
    const preferred = actions.find((a) => a.isPreferred)!;
    assert.match(preferred.title, /Apache KeepAliveTimeout to 90/);
    const edits = preferred.edit?.changes?.[uri(file(site))] ?? [];
    assert.deepEqual(
      edits.map((e) => e.newText),
      ['90'],
    );
    fs.writeFileSync(file(site), siteText('    KeepAliveTimeout 90\n'));
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, {
      changes: [{ uri: uri(file(site)), type: FileChangeType.Changed }],
    });
    await client.waitFor('the race gone on both sides', () =>
      [site, 'nginx/nginx.conf'].every((f) => !client.diagnosticsOf(file(f)).some((d) => d.code === 'keepalive-race')),
    );
  });
});
