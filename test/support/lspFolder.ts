// A folder of files on disk with a language server started on it, for the LSP tests of a backend
// kind that drive it step by step: written, started, changed on disk (as the file watcher says), removed.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DidChangeWatchedFilesNotification, FileChangeType } from 'vscode-languageserver-protocol';
import { TestClient, uri } from './lspClient';

export interface LspWorkspace {
  dir: string;
  client: TestClient;
  /** The absolute path of a file given relative to the folder. */
  file(name: string): string;
}

export async function openWorkspace(files: Record<string, string>, prefix: string): Promise<LspWorkspace> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const file = (name: string) => path.join(dir, name);
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(file(name)), { recursive: true });
    fs.writeFileSync(file(name), text);
  }
  const client = new TestClient();
  await client.start(dir);
  return { dir, client, file };
}

/** A file rewritten on disk, and the server told, as the client's watcher tells it. */
export async function changeOnDisk(workspace: LspWorkspace, name: string, text: string): Promise<void> {
  fs.writeFileSync(workspace.file(name), text);
  await workspace.client.connection.sendNotification(DidChangeWatchedFilesNotification.type, {
    changes: [{ uri: uri(workspace.file(name)), type: FileChangeType.Changed }],
  });
}

export async function closeWorkspace(workspace: LspWorkspace): Promise<void> {
  await workspace.client.stop();
  fs.rmSync(workspace.dir, { recursive: true, force: true });
}
