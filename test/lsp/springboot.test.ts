// A Spring Boot application behind nginx, over stdio: diagnostics on the property and on nginx,
// hover on the property, a profile file's edit on disk re-read, the quick fix in application.yml.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import {
  CodeActionRequest,
  HoverRequest,
  FileChangeType,
  DidChangeWatchedFilesNotification,
  type CodeAction,
  type Hover,
} from 'vscode-languageserver-protocol';
import { uri } from '../support/lspClient';
import { lspWorkspace } from '../support/lspWorkspace';

const yml = 'shop/src/main/resources/application.yml';
const files: Record<string, string> = {
  'nginx/nginx.conf':
    'events {}\nhttp {\n    upstream shop {\n        server shop:8081;\n        keepalive 8;\n    }\n    server {\n        location / {\n            proxy_pass http://shop;\n            proxy_http_version 1.1;\n            proxy_set_header Connection "";\n        }\n    }\n}\n',
  'shop/pom.xml':
    '<project>\n  <parent>\n    <artifactId>spring-boot-starter-parent</artifactId>\n    <version>3.3.0</version>\n  </parent>\n  <dependencies>\n    <dependency>\n      <artifactId>spring-boot-starter-web</artifactId>\n    </dependency>\n  </dependencies>\n</project>\n',
  [yml]: 'spring:\n  profiles:\n    active: prod\nserver:\n  tomcat:\n    connection-timeout: 5s\n',
  'shop/src/main/resources/application-prod.properties': 'server.port=8081\n',
};

describe('language server: a Spring Boot application', () => {
  const workspace = lspWorkspace('timeout-chain-spring-', files, yml);
  const { client, file } = workspace;

  test('both sides underlined: the 5s in application.yml, the upstream in nginx.conf', () => {
    workspace.assertBothSides(yml, { start: { line: 5, character: 24 }, end: { line: 5, character: 26 } }, 'nginx/nginx.conf');
  });

  test('hover on the property shows the chain from the Spring side', async () => {
    const hover = (await client.connection.sendRequest(HoverRequest.type, {
      textDocument: { uri: uri(file(yml)) },
      position: { line: 5, character: 25 },
    })) as Hover | null;
    const text = (hover?.contents as { value: string } | undefined)?.value ?? '';
    assert.match(text, /^\*\*Races:\*\* Tomcat closes after 5s, nginx keeps 60s: POSTs may get 502\n/);
    assert.match(text, /^→ upstream shop keeps idle connections 60s/m);
    assert.match(
      text,
      /^→ server shop:8081 → shop\/pom\.xml, Spring Boot Tomcat on port 8081: Tomcat closes after 5s \(server\.tomcat\.connection-timeout\) \(shop\/src\/main\/resources\/application\.yml:6\)$/m,
    );
  });

  test('the preferred quick fix adds keep-alive-timeout under tomcat: in application.yml', async () => {
    const spring = client.diagnosticsOf(file(yml)).find((d) => d.code === 'keepalive-race')!;
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: uri(file(yml)) },
      range: spring.range,
      context: { diagnostics: [spring] },
    })) as CodeAction[];
    const preferred = actions.find((a) => a.isPreferred)!;
    assert.match(preferred.title, /server\.tomcat\.keep-alive-timeout/);
    const edits = preferred.edit?.changes?.[uri(file(yml))] ?? [];
    assert.deepEqual(
      edits.map((e) => e.newText),
      ['    keep-alive-timeout: 90s\n'],
    );
  });

  test('a profile file changed on disk is read again: another port unlinks nginx', async () => {
    fs.writeFileSync(file('shop/src/main/resources/application-prod.properties'), 'server.port=9999\n');
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, {
      changes: [{ uri: uri(file('shop/src/main/resources/application-prod.properties')), type: FileChangeType.Changed }],
    });
    await client.waitFor('the race gone with the link', () => !client.diagnosticsOf(file(yml)).some((d) => d.code === 'keepalive-race'));
  });
});
