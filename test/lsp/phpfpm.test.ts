// php-fpm behind nginx over stdio: fastcgi-timeout underlines php-fpm's request_terminate_timeout
// and nginx's fastcgi_pass, the hover on the pool's value says when php-fpm actually kills, and
// the preferred fix, applied on disk, clears both.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  CodeActionRequest,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  HoverRequest,
  type CodeAction,
  type Hover,
} from 'vscode-languageserver-protocol';
import { TestClient, uri } from '../support/lspClient';
import { applyEdits } from '../support/memoryWorkspace';

const pool = 'docker/php-fpm.d/www.conf';
const site = 'nginx/default.conf';
const files: Record<string, string> = {
  'docker-compose.yml':
    'services:\n  nginx:\n    image: nginx:1.27\n    volumes:\n      - ./nginx/default.conf:/etc/nginx/conf.d/default.conf:ro\n  php:\n    image: php:8.3-fpm\n    volumes:\n      - ./docker/php-fpm.d/www.conf:/usr/local/etc/php-fpm.d/www.conf:ro\n',
  [site]:
    'server {\n    listen 80;\n    root /var/www/html/public;\n\n    location ~ \\.php$ {\n        fastcgi_pass php:9000;\n        include fastcgi_params;\n    }\n}\n',
  [pool]: '[www]\nuser = www-data\nlisten = 9000\npm = static\npm.max_children = 4\nrequest_terminate_timeout = 30s\n',
};

describe('language server: php-fpm behind nginx', () => {
  let dir: string;
  let client: TestClient;
  const file = (name: string) => path.join(dir, name);
  const found = (name: string) => client.diagnosticsOf(file(name)).find((d) => d.code === 'fastcgi-timeout');

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'timeout-chain-phpfpm-'));
    for (const [name, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(file(name)), { recursive: true });
      fs.writeFileSync(file(name), text);
    }
    client = new TestClient();
    await client.start(dir);
    await client.waitFor('fastcgi-timeout on both sides', () => found(pool) !== undefined && found(site) !== undefined);
  });

  after(async () => {
    await client.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test("both sides underlined: 30s in www.conf, php:9000 in nginx's location", () => {
    const onPool = found(pool)!;
    assert.deepEqual(onPool.range, { start: { line: 5, character: 28 }, end: { line: 5, character: 31 } });
    assert.equal(onPool.severity, 2);
    assert.match(onPool.message, /^nginx waits 60s for it, php-fpm kills requests after 30s: slow requests get 502, not 504/);
    const onSite = found(site)!;
    assert.deepEqual(onSite.range, { start: { line: 5, character: 21 }, end: { line: 5, character: 29 } });
    assert.match(onSite.message, /^php-fpm kills requests after 30s, nginx waits 60s/);
    assert.ok(onSite.relatedInformation?.some((r) => r.location.uri === uri(file(pool))));
    assert.ok(onPool.relatedInformation?.some((r) => r.location.uri === uri(file(site))));
  });

  test('the hover on the value says when php-fpm actually kills', async () => {
    const hover = (await client.connection.sendRequest(HoverRequest.type, {
      textDocument: { uri: uri(file(pool)) },
      position: { line: 5, character: 29 },
    })) as Hover | null;
    const text = (hover?.contents as { value: string } | undefined)?.value ?? '';
    assert.match(text, /kills between 30s and 40s/);
    assert.match(text, /via compose service php, port 9000/);
  });

  test('the preferred fix raises request_terminate_timeout; applied on disk, both diagnostics go', async () => {
    const onPool = found(pool)!;
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: uri(file(pool)) },
      range: onPool.range,
      context: { diagnostics: [onPool] },
    })) as CodeAction[];
    assert.deepEqual(
      actions.map((a) => a.title),
      [
        "Set php-fpm request_terminate_timeout to 90s (longer than nginx's 60s)",
        "Lower nginx fastcgi_read_timeout to 27s (shorter than php-fpm's 30s)",
      ],
    );
    const edits = actions.find((a) => a.isPreferred)!.edit?.changes?.[uri(file(pool))] ?? [];
    const fixed = applyEdits(files[pool], edits);
    assert.match(fixed, /request_terminate_timeout = 90s\n$/);
    fs.writeFileSync(file(pool), fixed);
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, {
      changes: [{ uri: uri(file(pool)), type: FileChangeType.Changed }],
    });
    await client.waitFor('fastcgi-timeout gone', () => found(pool) === undefined && found(site) === undefined);
  });
});
