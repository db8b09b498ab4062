// Navigation and explanation over stdio: definition, document links, outline and hover across
// includes and across the nginx/Tomcat boundary.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  DefinitionRequest,
  DocumentLinkRequest,
  DocumentSymbolRequest,
  HoverRequest,
  type DocumentSymbol,
  type Hover,
  type Location,
  type Position,
} from 'vscode-languageserver-protocol';
import { TestClient, uri } from '../support/lspClient';

const files: Record<string, string> = {
  'nginx/nginx.conf': 'events {}\nhttp {\n    include conf.d/upstreams.conf;\n    include sites/*.conf;\n}\n',
  'nginx/conf.d/upstreams.conf': 'upstream app {\n    server tomcat:8080;\n    keepalive 8;\n}\n',
  'nginx/sites/app.conf':
    'server {\n    listen 80;\n    server_name app.example.com;\n    location /api/ {\n        proxy_pass http://app;\n    }\n}\n',
  'tomcat/conf/server.xml':
    '<Server>\n  <Service name="Catalina">\n    <Connector port="8080" connectionTimeout="7000"/>\n  </Service>\n</Server>\n',
};

describe('language server: navigation and hover', () => {
  let dir: string;
  let client: TestClient;
  const file = (name: string) => path.join(dir, name);
  /** The position of `needle` in a file, plus `offset` characters. */
  const at = (name: string, needle: string, offset = 0): Position => {
    const text = files[name];
    const before = text.slice(0, text.indexOf(needle) + offset).split('\n');
    return { line: before.length - 1, character: before[before.length - 1].length };
  };
  const definition = async (name: string, needle: string) =>
    (await client.connection.sendRequest(DefinitionRequest.type, {
      textDocument: { uri: uri(file(name)) },
      position: at(name, needle, 1),
    })) as Location[];
  const hover = async (name: string, needle: string) =>
    (
      (await client.connection.sendRequest(HoverRequest.type, {
        textDocument: { uri: uri(file(name)) },
        position: at(name, needle, 1),
      })) as Hover | null
    )?.contents as { value: string } | undefined;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'timeout-chain-nav-'));
    for (const [name, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(file(name)), { recursive: true });
      fs.writeFileSync(file(name), text);
    }
    client = new TestClient();
    await client.start(dir);
    await client.waitFor('the analysis', () => client.diagnosticsOf(file('tomcat/conf/server.xml')).length > 0);
  });

  after(async () => {
    await client.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('proxy_pass http://NAME goes to upstream NAME in the included file', async () => {
    const [target] = await definition('nginx/sites/app.conf', 'http://app');
    assert.equal(target.uri, uri(file('nginx/conf.d/upstreams.conf')));
    assert.deepEqual(target.range.start, { line: 0, character: 9 });
  });

  test('an include goes to its file, a glob include to every file it matches', async () => {
    assert.deepEqual(
      (await definition('nginx/nginx.conf', 'conf.d/upstreams.conf')).map((l) => l.uri),
      [uri(file('nginx/conf.d/upstreams.conf'))],
    );
    assert.deepEqual(
      (await definition('nginx/nginx.conf', 'sites/*.conf')).map((l) => l.uri),
      [uri(file('nginx/sites/app.conf'))],
    );
  });

  test('an upstream server entry goes to the linked Tomcat Connector', async () => {
    const [target] = await definition('nginx/conf.d/upstreams.conf', 'tomcat:8080');
    assert.equal(target.uri, uri(file('tomcat/conf/server.xml')));
    assert.deepEqual(target.range, { start: { line: 2, character: 5 }, end: { line: 2, character: 14 } });
  });

  test('document links on plain include paths', async () => {
    const links = (await client.connection.sendRequest(DocumentLinkRequest.type, {
      textDocument: { uri: uri(file('nginx/nginx.conf')) },
    }))!;
    assert.deepEqual(
      links.map((l) => [l.range.start.line, l.target]),
      [[2, uri(file('nginx/conf.d/upstreams.conf'))]],
    );
  });

  test('the outline names servers by server_name, with their locations', async () => {
    const symbols = (await client.connection.sendRequest(DocumentSymbolRequest.type, {
      textDocument: { uri: uri(file('nginx/sites/app.conf')) },
    })) as DocumentSymbol[];
    assert.deepEqual(
      symbols.map((s) => [s.name, s.children?.map((c) => c.name)]),
      [['server app.example.com', ['location /api/']]],
    );
  });

  /** The hover's fix links, their arguments decoded as the client's command receives them. */
  const fixLinks = (markdown: string) =>
    [...markdown.matchAll(/\]\(command:timeoutChain\.applyFix\?([^)]+)\)/g)].map(
      (m) => JSON.parse(decodeURIComponent(m[1])) as { uri: string; line: number; character: number; title: string }[],
    );

  test('hover on an upstream: the verdict first, a line per hop, links to the fixes and the chain view', async () => {
    const text = (await hover('nginx/conf.d/upstreams.conf', 'app {'))?.value ?? '';
    const blocks = text.split('\n\n');
    assert.equal(blocks[0], '**Races:** Tomcat closes after 7s, nginx keeps 60s: POSTs may get 502');
    assert.match(blocks[1], /^!\[After the last response .*\]\(data:image\/svg\+xml;base64,/);
    assert.deepEqual(blocks[2].split('  \n'), [
      'location /api/ in server app.example.com (nginx/sites/app.conf:5)',
      '→ upstream app keeps idle connections 60s (default), reused by nginx 1.29.7+ defaults (nginx/conf.d/upstreams.conf:1)',
      '→ server tomcat:8080 → tomcat/conf/server.xml, Connector port 8080 (Service Catalina): Tomcat closes after 7s (connectionTimeout, keepAliveTimeout unset)',
    ]);
    assert.deepEqual(fixLinks(text), [
      [
        {
          uri: uri(file('nginx/conf.d/upstreams.conf')),
          line: 0,
          character: 0,
          title: "Set Tomcat keepAliveTimeout to 90000 ms (longer than nginx's 60s)",
        },
      ],
      [
        {
          uri: uri(file('nginx/conf.d/upstreams.conf')),
          line: 0,
          character: 0,
          title: "Lower nginx upstream keepalive_timeout to 6s (shorter than Tomcat's 7s)",
        },
      ],
    ]);
    assert.match(blocks.at(-1)!, /\[Show all chains\]\(command:timeoutChain\.showChains\)$/);
  });

  test('hover on a Connector timeout: the same verdict, the fix links of the diagnostic there', async () => {
    const text = (await hover('tomcat/conf/server.xml', '7000'))?.value ?? '';
    assert.match(text, /^\*\*Races:\*\* Tomcat closes after 7s, nginx keeps 60s: POSTs may get 502\n/);
    const links = fixLinks(text);
    assert.equal(links.length, 2);
    for (const [args] of links) assert.deepEqual([args.uri, args.line], [uri(file('tomcat/conf/server.xml')), 2]);
  });

  test("a race diagnostic's details are in the chain hover once, not again in a diagnostic hover", async () => {
    const text = (await hover('tomcat/conf/server.xml', '7000'))?.value ?? '';
    assert.doesNotMatch(text, /\*\*keepalive-race\*\*/);
    assert.equal(text.match(/keepAliveTimeout unset/g)?.length, 1);
    assert.equal(text.match(/proxy_next_upstream lacks non_idempotent/g)?.length, 1);
    assert.equal(text.match(/reused by nginx 1\.29\.7\+ defaults/g)?.length, 1);
  });
});
