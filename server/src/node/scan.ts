// Reading a folder from disk: which files to analyse, and a host that reads included files and
// expands nginx globs. Shared by the CLI and the language server; no LSP types here.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { kindByName, looksLikeNginx, type FileKind } from '../core/classify';
import type { WorkspaceHost } from '../core/workspace';
import { toSlashes, walkExcludeTest } from './exclude';
import { expandGlob } from './glob';
import { readListedFile, readText } from './readText';

export { isExcluded } from './exclude';
export { readText } from './readText';

export interface ScannedFile {
  path: string;
  kind: FileKind;
  text: string;
}

/** The kind of a file given its text, or undefined when it is not one this tool reads. */
export function classify(file: string, text: string): FileKind | undefined {
  const byName = kindByName(file);
  if (byName === 'maybe-nginx') return looksLikeNginx(text) ? 'nginx' : undefined;
  return byName;
}

function isDirectory(file: string): boolean {
  try {
    return fs.statSync(file, { throwIfNoEntry: false })?.isDirectory() ?? false;
  } catch {
    return false;
  }
}

/** Reads files and expands globs straight from disk. */
export const diskHost: WorkspaceHost = {
  readFile: readText,
  glob: expandGlob,
};

/**
 * Walks a folder breadth first (following symbolic links, each real folder once) and hands over the
 * files this tool reads, yielding to the event loop between folders and every few hundred files so
 * that a language server keeps answering while it reads a large tree.
 */
export async function scanFolder(rootDir: string, exclude: readonly string[], onFile: (file: ScannedFile) => void): Promise<number> {
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
    } catch {
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
      if (entry.isDirectory() || (entry.isSymbolicLink() && isDirectory(full))) {
        pending.push(full);
        continue;
      }
      const byName = kindByName(full);
      if (byName === undefined) continue;
      const text = entry.isFile() ? readListedFile(full) : readText(full);
      if (text === undefined) continue;
      const kind = byName === 'maybe-nginx' ? (looksLikeNginx(text) ? 'nginx' : undefined) : byName;
      if (!kind) continue;
      count++;
      onFile({ path: full, kind, text });
      // A folder can hold thousands of files (conf.d/): the server must keep answering meanwhile.
      if (count % filesBetweenYields === 0) await yieldToEventLoop();
    }
    await yieldToEventLoop();
  }
  return count;
}

const filesBetweenYields = 200;

function yieldToEventLoop(): Promise<void> {
  return new Promise<void>((resolve) => setImmediate(resolve));
}
