// A language server over stdio on a temporary folder of files, for a describe block: the files
// written, the server started and waited on, both removed after.
import { after, before } from 'node:test';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { TestClient } from './lspClient';

export interface LspWorkspace {
  client: TestClient;
  /** A file's absolute path. */
  file(name: string): string;
}

/** Registers before/after hooks; `ready` is what the server must show first (a diagnostic appearing). */
export function lspWorkspace(
  prefix: string,
  files: Record<string, string>,
  ready: { description: string; holds: (w: LspWorkspace) => boolean },
): LspWorkspace {
  let dir = '';
  const workspace: LspWorkspace = { client: new TestClient(), file: (name) => path.join(dir, name) };
  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
    for (const [name, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(workspace.file(name)), { recursive: true });
      fs.writeFileSync(workspace.file(name), text);
    }
    await workspace.client.start(dir);
    await workspace.client.waitFor(ready.description, () => ready.holds(workspace));
  });
  after(async () => {
    await workspace.client.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  return workspace;
}
