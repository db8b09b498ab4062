// A gunicorn application behind nginx, over stdio: diagnostics on gunicorn.conf.py and on nginx,
// the hover on the value, the quick fix applied to the file on disk and the race gone; and a
// Procfile edit on disk (the sync worker) taking the race away.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { FileChangeType, DidChangeWatchedFilesNotification, type TextEdit } from 'vscode-languageserver-protocol';
import { TestClient, uri } from '../support/lspClient';
import { writeHostileCase } from '../support/hostileCases';
import { LineIndex } from '../../server/src/core/text';

const conf = 'shop/gunicorn.conf.py';
const files: Record<string, string> = {
  'nginx/nginx.conf':
    'events {}\nhttp {\n    upstream shop {\n        server 127.0.0.1:8001;\n        keepalive 8;\n    }\n    server {\n        location / {\n            proxy_pass http://shop;\n            proxy_http_version 1.1;\n            proxy_set_header Connection "";\n        }\n    }\n}\n',
  'shop/requirements.txt': 'Flask==3.0.3\ngunicorn==23.0.0\n',
  [conf]: 'bind = "127.0.0.1:8001"\nworker_class = "gthread"\nthreads = 4\nkeepalive = 5\n',
  'shop/app.py': 'from flask import Flask\n\napp = Flask(__name__)\n',
};

/** Edits applied to a text as an editor would: from the last to the first. */
function applied(text: string, edits: TextEdit[]): string {
  const lines = new LineIndex(text);
  const sorted = [...edits].sort((a, b) => lines.offsetAt(b.range.start) - lines.offsetAt(a.range.start));
  for (const edit of sorted)
    text = text.slice(0, lines.offsetAt(edit.range.start)) + edit.newText + text.slice(lines.offsetAt(edit.range.end));
  return text;
}

describe('language server: a gunicorn application', () => {
  let dir: string;
  let client: TestClient;
  const file = (name: string) => path.join(dir, name);
  const changed = (name: string) =>
    client.connection.sendNotification(DidChangeWatchedFilesNotification.type, {
      changes: [{ uri: uri(file(name)), type: FileChangeType.Changed }],
    });

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'timeout-chain-python-'));
    writeHostileCase(dir, { name: 'gunicorn', files, expect: [] });
    client = new TestClient();
    await client.start(dir);
    await client.waitFor('the race on gunicorn.conf.py', () => client.diagnosticsOf(file(conf)).some((d) => d.code === 'keepalive-race'));
  });

  after(async () => {
    await client.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('both sides underlined: the 5 of keepalive, the upstream in nginx.conf', () => {
    const gunicorn = client.diagnosticsOf(file(conf)).find((d) => d.code === 'keepalive-race')!;
    assert.deepEqual(gunicorn.range, { start: { line: 3, character: 12 }, end: { line: 3, character: 13 } });
    assert.match(gunicorn.message, /keeps idle connections 60s, gunicorn closes them after 5s: POSTs may get 502/);
    assert.ok(gunicorn.relatedInformation?.some((r) => r.location.uri === uri(file('nginx/nginx.conf'))));
    assert.ok(client.diagnosticsOf(file('nginx/nginx.conf')).some((d) => d.code === 'keepalive-race'));
  });

  test('the hover on the value names where it comes from and the worker', async () => {
    const text = await client.hoverText(file(conf), { line: 3, character: 12 });
    assert.match(text, /^\*\*Races:\*\* gunicorn closes after 5s, nginx keeps 60s/);
    assert.match(text, /: gunicorn closes after 5s /);
    assert.match(text, /keepalive in shop\/gunicorn\.conf\.py; gthread worker/);
    assert.match(text, /upstream shop/);
  });

  test('the preferred quick fix sets keepalive = 90; applied on disk, the race is gone', async () => {
    const gunicorn = client.diagnosticsOf(file(conf)).find((d) => d.code === 'keepalive-race')!;
    const actions = await client.actionsFor(file(conf), gunicorn);
    const preferred = actions.find((a) => a.isPreferred)!;
    assert.equal(preferred.title, "Set gunicorn keepalive to 90s (longer than nginx's 60s)");
    const edits = preferred.edit?.changes?.[uri(file(conf))] ?? [];
    const after = applied(files[conf], edits);
    assert.equal(after, files[conf].replace('keepalive = 5', 'keepalive = 90'));
    fs.writeFileSync(file(conf), after);
    await changed(conf);
    await client.waitFor('the race gone', () => !client.diagnosticsOf(file(conf)).some((d) => d.code === 'keepalive-race'));
    assert.ok(!client.diagnosticsOf(file('nginx/nginx.conf')).some((d) => d.code === 'keepalive-race'));
  });
});
