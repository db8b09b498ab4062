// The chain view's data over stdio: `timeoutChain/chains` draws each folder's chains in VS Code's
// theme colours with places the view can open, and the status notification counts the racing
// pairs; both follow an unsaved edit.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DidOpenTextDocumentNotification } from 'vscode-languageserver-protocol';
import { TestClient, uri } from '../support/lspClient';
import type { ChainsResult, StatusParams } from '../../server/src/lsp/protocol';

// Two upstreams: `app` races Tomcat's 7s, `admin` reaches a Tomcat that keeps connections 90s.
const files: Record<string, string> = {
  'nginx/nginx.conf':
    'events {}\nhttp {\n    upstream app {\n        server app:8080;\n        keepalive 8;\n    }\n    upstream admin {\n        server admin:8081;\n        keepalive 8;\n    }\n' +
    '    server {\n        location / {\n            proxy_pass http://app;\n        }\n        location /admin/ {\n            proxy_pass http://admin;\n        }\n    }\n}\n',
  'app/conf/server.xml':
    '<Server>\n  <Service name="Catalina">\n    <Connector port="8080" connectionTimeout="7000"/>\n  </Service>\n</Server>\n',
  'admin/conf/server.xml':
    '<Server>\n  <Service name="Catalina">\n    <Connector port="8081" connectionTimeout="90000"/>\n  </Service>\n</Server>\n',
};

describe('language server: the chains request and the race count', () => {
  let dir: string;
  let client: TestClient;
  const chains = () => client.connection.sendRequest<ChainsResult>('timeoutChain/chains');
  const lastReady = () =>
    client.notifications
      .filter((n) => n.method === 'timeoutChain/status' && (n.params as StatusParams).state === 'ready')
      .map((n) => n.params as StatusParams)
      .at(-1);

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'timeout-chain-chains-'));
    for (const [name, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      fs.writeFileSync(path.join(dir, name), text);
    }
    client = new TestClient();
    await client.start(dir);
    await client.waitFor('the race on server.xml', () => client.diagnosticsOf(path.join(dir, 'app/conf/server.xml')).length > 0);
  });

  after(async () => {
    await client.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('each folder: its name, URI, summary and the chains drawn with the theme palette', async () => {
    const { folders } = await chains();
    assert.equal(folders.length, 1);
    const [folder] = folders;
    assert.equal(folder.name, path.basename(dir));
    assert.equal(folder.uri, uri(dir));
    assert.deepEqual(folder.summary, { upstreams: 2, races: 1, safe: 1, unjudged: 0 });
    const sections = folder.html.split('<section class="tc-chain"').slice(1);
    assert.equal(sections.length, 2);
    const [app, admin] = sections;
    assert.match(app, /<h2>upstream app /);
    assert.match(app, /<span class="tc-badge tc-fails">races: 502s likely<\/span>/);
    assert.match(app, /closes idle connections after <b>7s<\/b>/);
    assert.match(admin, /<span class="tc-badge tc-safe">safe<\/span>/);
    // Each hop a place the view opens: relative path, 1-based line.
    assert.match(app, /<span class="tc-place" data-file="nginx\/nginx\.conf" data-line="3" /);
    assert.match(
      app,
      /<span class="tc-place" data-file="nginx\/nginx\.conf" data-line="13" title="nginx\/nginx\.conf:13">location \/ in server</,
    );
    assert.match(app, /<span class="tc-place" data-file="app\/conf\/server\.xml" data-line="3" /);
    // One race picture per judged pair, coloured by VS Code's theme variables.
    assert.equal(folder.html.match(/<svg /g)?.length, 2);
    assert.match(app, /var\(--vscode-errorForeground/);
    assert.doesNotMatch(folder.html, /<script|\b(src|href)=/, 'no script and nothing fetched');
  });

  test('the status counts the racing pairs', async () => {
    const status = await client.waitFor('a ready status', lastReady);
    assert.equal(status.races, 1);
  });

  test('an unsaved edit that ends the race: the count and the chains follow', async () => {
    const xml = path.join(dir, 'app/conf/server.xml');
    await client.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri: uri(xml), languageId: 'xml', version: 1, text: files['app/conf/server.xml'].replace('7000', '90000') },
    });
    await client.waitFor('the race gone', () => client.diagnosticsOf(xml).length === 0);
    await client.waitFor('a status with no race', () => lastReady()?.races === 0);
    const [folder] = (await chains()).folders;
    assert.deepEqual(folder.summary, { upstreams: 2, races: 0, safe: 2, unjudged: 0 });
    assert.doesNotMatch(folder.html, /tc-fails/);
  });
});
