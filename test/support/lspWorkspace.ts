// A language server over stdio on a temporary folder of files, for a describe block: the files
// written, the server started and waited on, both removed after; and the steps the backend tests
// share: the race diagnostic on a file, the hover at a place, the preferred quick fix, a file
// rewritten on disk and the race gone.
import { after, before } from 'node:test';
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
  type Diagnostic,
  type Hover,
} from 'vscode-languageserver-protocol';
import { TestClient, uri } from './lspClient';

export interface LspWorkspace {
  client: TestClient;
  /** A file's absolute path. */
  file(name: string): string;
  /** The keepalive-race diagnostic on a file. */
  race(name: string): Diagnostic;
  /** Asserts the race is on the file at `range`, points at nginx's file, and nginx's file has one too. */
  assertBothSides(name: string, range: Diagnostic['range'], nginxFile: string): void;
  /** The hover's text at a place of a file. */
  hover(name: string, position: { line: number; character: number }): Promise<string>;
  /** The preferred quick fix of the race on a file. */
  preferredFix(name: string): Promise<CodeAction>;
  /** Writes a file on disk, says so to the server, and waits until no file listed has a race. */
  rewriteUntilNoRace(name: string, text: string, files: string[]): Promise<void>;
}

/** Registers before/after hooks; the server is ready when `raceOn` shows a keepalive-race diagnostic. */
export function lspWorkspace(prefix: string, files: Record<string, string>, raceOn: string): LspWorkspace {
  let dir = '';
  const client = new TestClient();
  const file = (name: string) => path.join(dir, name);
  const races = (name: string) => client.diagnosticsOf(file(name)).filter((d) => d.code === 'keepalive-race');
  const race = (name: string) => {
    const found = races(name)[0];
    assert.ok(found, `a race on ${name}`);
    return found;
  };
  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
    for (const [name, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(file(name)), { recursive: true });
      fs.writeFileSync(file(name), text);
    }
    await client.start(dir);
    await client.waitFor(`the race on ${raceOn}`, () => races(raceOn).length > 0);
  });
  after(async () => {
    await client.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  return {
    client,
    file,
    race,
    assertBothSides(name, range, nginxFile) {
      const found = race(name);
      assert.deepEqual(found.range, range);
      assert.ok(found.relatedInformation?.some((r) => r.location.uri === uri(file(nginxFile))));
      assert.ok(races(nginxFile).length > 0);
    },
    async hover(name, position) {
      const hover = (await client.connection.sendRequest(HoverRequest.type, {
        textDocument: { uri: uri(file(name)) },
        position,
      })) as Hover | null;
      return (hover?.contents as { value: string } | undefined)?.value ?? '';
    },
    async preferredFix(name) {
      const found = race(name);
      const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
        textDocument: { uri: uri(file(name)) },
        range: found.range,
        context: { diagnostics: [found] },
      })) as CodeAction[];
      const preferred = actions.find((a) => a.isPreferred);
      assert.ok(preferred, 'a preferred fix');
      return preferred;
    },
    async rewriteUntilNoRace(name, text, listed) {
      fs.writeFileSync(file(name), text);
      await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, {
        changes: [{ uri: uri(file(name)), type: FileChangeType.Changed }],
      });
      await client.waitFor('the race gone', () => listed.every((f) => races(f).length === 0));
    },
  };
}
