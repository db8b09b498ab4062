// A compose repository through the language server over stdio (issue 13, item 3): links made
// through the services and said so in the status and the hover, an include of a mounted file read,
// and the deployment files watched and re-read, from disk and from an editor, re-linking at once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  DidChangeTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  DidOpenTextDocumentNotification,
  FileChangeType,
  HoverRequest,
} from 'vscode-languageserver-protocol';
import { TestClient, uri } from '../support/lspClient';
import { layoutCases, writeLayoutCase } from '../support/realLayouts';
import type { LinkSummary } from '../../server/src/lsp/protocol';
import { deploymentPatterns } from '../../server/src/lsp/protocol';
import { isDeploymentFileName } from '../../server/src/core/deployment';
import { segmentMatcher } from '../../server/src/node/glob';

const published = layoutCases.find((c) => c.name.includes('host.docker.internal:8081'))!;

function lastLinks(client: TestClient): string[] | undefined {
  const status = client.notifications
    .filter((n) => n.method === 'timeoutChain/status')
    .map((n) => n.params as { state?: string; links?: LinkSummary[] })
    .reverse()
    .find((p) => p.state === 'ready' && p.links !== undefined);
  return status?.links?.map((l) => `${l.upstream} -> ${l.connector.split(',')[0]} (${l.how})`);
}

test(
  'compose: links through a published port, the mounted include read, re-linked when the deployment changes',
  { timeout: 90_000 },
  async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'timeout-chain-compose-lsp-'));
    const client = new TestClient();
    try {
      writeLayoutCase(dir, published);
      const upstreamConf = path.join(dir, 'deploy/upstream.conf');
      const compose = path.join(dir, 'docker-compose.yml');
      const env = path.join(dir, '.env');
      await client.start(dir);
      await client.waitFor('the first analysis', () => client.statuses('ready').length > 0, 60_000);
      await client.waitFor('the race on the mounted upstream file', () => client.diagnosticsOf(upstreamConf).length > 0);
      assert.deepEqual(lastLinks(client), [
        'upstream backend_pool, server host.docker.internal:8081 -> backend/conf/server.xml (via compose service backend (a published port), port 8080)',
      ]);
      assert.deepEqual(
        client.diagnosticsOf(path.join(dir, 'deploy/nginx.conf')),
        [],
        'the include of /etc/nginx/conf.d/upstream.conf is read through the mount',
      );
      // The server watches the deployment files.
      const watched = client.registrations.flatMap((r) =>
        ((r as { registerOptions?: { watchers?: { globPattern: string }[] } }).registerOptions?.watchers ?? []).map((w) => w.globPattern),
      );
      for (const pattern of deploymentPatterns) assert.ok(watched.includes(pattern), pattern);

      const hover = await client.connection.sendRequest(HoverRequest.type, {
        textDocument: { uri: uri(upstreamConf) },
        position: { line: 0, character: 10 },
      });
      const markdown = (hover?.contents as { value: string }).value;
      assert.match(markdown, / via compose service backend \(a published port\), port 8080: /);
      assert.match(markdown, /nginx version: 1\.30, from nginx:stable-alpine: .*\(assumed\)/);

      // .env on disk now publishes the backend elsewhere: 8081 reaches no service, and by port the other Tomcat.
      fs.writeFileSync(env, 'BACKEND_PORT=9090\n');
      await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, {
        changes: [{ uri: uri(env), type: FileChangeType.Changed }],
      });
      await client.waitFor('the link by port', () => lastLinks(client)?.[0]?.endsWith('(by port)') === true);
      assert.deepEqual(lastLinks(client), ['upstream backend_pool, server host.docker.internal:8081 -> other/conf/server.xml (by port)']);

      // An editor's unsaved compose text counts: publishing 8081 again links the backend again.
      const text = fs.readFileSync(compose, 'utf8');
      await client.connection.sendNotification(DidOpenTextDocumentNotification.type, {
        textDocument: { uri: uri(compose), languageId: 'dockercompose', version: 1, text },
      });
      await client.connection.sendNotification(DidChangeTextDocumentNotification.type, {
        textDocument: { uri: uri(compose), version: 2 },
        contentChanges: [{ text: text.replace('${BACKEND_PORT:-9000}:8080', '8081:8080') }],
      });
      await client.waitFor(
        'the link through the service again',
        () => lastLinks(client)?.[0]?.includes('via compose service backend') === true,
      );
      // A compose file that no longer loads is a diagnostic on it, with the check's code.
      await client.connection.sendNotification(DidChangeTextDocumentNotification.type, {
        textDocument: { uri: uri(compose), version: 3 },
        contentChanges: [{ text: 'services:\n  proxy: [\n' }],
      });
      await client.waitFor('the YAML error on the compose file', () =>
        client.diagnosticsOf(compose).some((d) => d.code === 'deployment-file'),
      );
    } finally {
      await client.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
);

test('the watcher globs match the deployment file names the scan reads', () => {
  const matches = (name: string) =>
    deploymentPatterns.some((pattern) => {
      // `{a,b}` alternatives spelled out, then each name pattern as the glob matcher reads it.
      const expand = (p: string): string[] => {
        const m = /^(.*?)\{([^}]*)\}(.*)$/.exec(p);
        return m ? m[2].split(',').flatMap((alt) => expand(m[1] + alt + m[3])) : [p];
      };
      return expand(pattern.slice(pattern.lastIndexOf('/') + 1)).some((p) => segmentMatcher(p)(name));
    });
  for (const name of [
    'compose.yaml',
    'compose.yml',
    'docker-compose.yml',
    'docker-compose.prod.yaml',
    'compose.override.yml',
    'Dockerfile',
    'Dockerfile.prod',
    'nginx.Dockerfile',
    'Containerfile',
    '.env',
  ]) {
    assert.ok(isDeploymentFileName(name), name);
    assert.ok(matches(name), name);
  }
});
