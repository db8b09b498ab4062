// Reading a folder from disk: which files to analyse, and a host that reads included files and
// expands nginx globs. Shared by the CLI and the language server; no LSP types here.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isBinaryText, type FileKind } from '../core/classify';
import { kindByName, kindOfText, unreadIsReported } from './fileKinds';
import type { WorkspaceHost } from '../core/workspace';
import { toSlashes, walkExcludeTest } from './exclude';
import { expandGlob } from './glob';
import { readListedOrWhy, readTextOrWhy } from './readText';
import { ReadBoundary, type Refusal } from './boundary';

export { isExcluded } from './exclude';
export { readText } from './readText';

export interface ScannedFile {
  path: string;
  kind: FileKind;
  text: string;
}

export { classify } from './fileKinds';

/** A file or folder that looks like configuration but could not be read, and why. */
export interface UnreadEntry {
  path: string;
  refusal: Refusal;
  folder: boolean;
}

/** Reads files and expands globs from disk, within the analysed folder only. */
export function diskHost(boundary: ReadBoundary): WorkspaceHost {
  const refusals = new Map<string, Refusal>();
  return {
    readFile(file) {
      const read = readWithin(boundary, file);
      if (typeof read === 'string') {
        refusals.delete(file);
        return read;
      }
      refusals.set(file, read.refused);
      return undefined;
    },
    whyUnread: (file) => refusals.get(file),
    realPath: (file) => {
      const resolved = boundary.resolve(file);
      return 'real' in resolved && resolved.real !== file ? resolved.real : undefined;
    },
    glob: (pattern) => expandGlob(pattern, boundary),
    pathKind: (file) => {
      const resolved = boundary.resolve(file);
      if (!('real' in resolved)) return undefined;
      try {
        const stat = fs.statSync(resolved.real, { throwIfNoEntry: false });
        return stat?.isDirectory() ? 'folder' : stat?.isFile() ? 'file' : undefined;
      } catch {
        return undefined;
      }
    },
  };
}

/** The text of a file whose real path lies inside the boundary, or why it was not read. */
export function readWithin(boundary: ReadBoundary, file: string): string | { refused: Refusal } {
  const resolved = boundary.resolve(file);
  if (!('real' in resolved)) return resolved;
  const read = resolved.listed ? readListedOrWhy(resolved.real) : readTextOrWhy(resolved.real);
  return typeof read === 'string' && isBinaryText(read) ? { refused: 'binary' } : read;
}

/**
 * Walks a folder breadth first and hands over the files this tool reads, yielding to the event
 * loop between folders and every few hundred files so that a language server keeps answering
 * while it reads a large tree. Symbolic links are followed only where they stay inside the
 * boundary (each real folder once); configuration files and folders that cannot be read go to
 * `onUnread`.
 */
export async function scanFolder(
  root: string | ReadBoundary,
  exclude: readonly string[],
  onFile: (file: ScannedFile) => void,
  onUnread: (entry: UnreadEntry) => void = () => {},
): Promise<number> {
  const boundary = typeof root === 'string' ? new ReadBoundary(path.resolve(root)) : root;
  const rootDir = boundary.rootDir;
  let count = 0;
  const seenDirs = new Set<string>();
  const pending = [rootDir];
  const isExcluded = walkExcludeTest(exclude);
  while (pending.length > 0) {
    const dir = pending.shift()!;
    let entries: fs.Dirent[];
    try {
      const real = await fs.promises.realpath(dir);
      if (seenDirs.has(real)) continue;
      seenDirs.add(real);
      entries = await fs.promises.readdir(dir, { withFileTypes: true });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT') onUnread({ path: dir, refusal: code === 'ELOOP' ? 'loop' : 'unreadable', folder: true });
      continue;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    // Every entry is a child of `dir`, so their relative paths share its prefix.
    const relativeDir = toSlashes(path.relative(rootDir, dir));
    const prefix = relativeDir === '' ? '' : relativeDir + '/';
    // path.join(dir, name) for every name: `dir` is normalized, names hold no separator.
    const dirPrefix = path.join(dir, '_').slice(0, -1);
    for (const entry of entries) {
      const full = dirPrefix + entry.name;
      if (isExcluded(prefix + entry.name)) continue;
      if (entry.isDirectory()) {
        pending.push(full); // a real folder inside a folder inside the boundary
        continue;
      }
      const byName = kindByName(full);
      if (entry.isSymbolicLink()) {
        const resolved = boundary.resolve(full);
        if (!('real' in resolved)) {
          if (unreadIsReported(full, byName)) onUnread({ path: full, refusal: resolved.refused, folder: false });
          continue;
        }
        if (isDirectory(resolved.real)) {
          pending.push(full);
          continue;
        }
        // A link to a file inside is that file, which the walk meets at its own path (an include
        // through the link resolves to it too): one file, its findings where its text is.
        continue;
      }
      if (byName === undefined) continue;
      const read = entry.isFile() ? readListedOrWhy(full) : readTextOrWhy(full);
      if (typeof read !== 'string') {
        // Sockets, FIFOs and vanished files are no configuration; a config file that cannot be read is said.
        if (unreadIsReported(full, byName) && read.refused !== 'not-a-file' && read.refused !== 'missing')
          onUnread({ path: full, refusal: read.refused, folder: false });
        continue;
      }
      const kind = kindOfText(full, byName, read);
      if (kind === undefined) continue;
      if (typeof kind !== 'string') {
        onUnread({ path: full, refusal: kind.refused, folder: false }); // a binary file with a configuration's name
        continue;
      }
      count++;
      onFile({ path: full, kind, text: read });
      // A folder can hold thousands of files (conf.d/): the server must keep answering meanwhile.
      if (count % filesBetweenYields === 0) await yieldToEventLoop();
    }
    await yieldToEventLoop();
  }
  return count;
}

function isDirectory(file: string): boolean {
  try {
    return fs.statSync(file, { throwIfNoEntry: false })?.isDirectory() ?? false;
  } catch {
    return false;
  }
}

const filesBetweenYields = 200;

function yieldToEventLoop(): Promise<void> {
  return new Promise<void>((resolve) => setImmediate(resolve));
}
