// Reading a folder from disk: which files to analyse, and a host that reads included files and
// expands nginx globs. Shared by the CLI and the language server; no LSP types here.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { minimatch } from 'minimatch';
import { kindByName, looksLikeNginx, type FileKind } from '../core/classify';
import type { WorkspaceHost } from '../core/workspace';
import { expandGlob } from './glob';

export interface ScannedFile {
  path: string;
  kind: FileKind;
  text: string;
}

/** Files above this size are not configuration (and would stall the editor). */
const maxFileBytes = 16 * 1024 * 1024;

export function readText(file: string): string | undefined {
  try {
    const stat = fs.statSync(file);
    if (!stat.isFile() || stat.size > maxFileBytes) return undefined;
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

export function isExcluded(rootDir: string, file: string, exclude: readonly string[]): boolean {
  const relative = path.relative(rootDir, file).split(path.sep).join('/');
  return exclude.some((pattern) => minimatch(relative, pattern, { dot: true }) || minimatch(relative + '/', pattern, { dot: true }));
}

/** The kind of a file given its text, or undefined when it is not one this tool reads. */
export function classify(file: string, text: string): FileKind | undefined {
  const byName = kindByName(file);
  if (byName === 'maybe-nginx') return looksLikeNginx(text) ? 'nginx' : undefined;
  return byName;
}

function isDirectory(file: string): boolean {
  try {
    return fs.statSync(file).isDirectory();
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
 * files this tool reads, yielding to the event loop between folders so that a language server keeps
 * answering while it reads a large tree.
 */
export async function scanFolder(rootDir: string, exclude: readonly string[], onFile: (file: ScannedFile) => void): Promise<number> {
  let count = 0;
  const seenDirs = new Set<string>();
  const pending = [rootDir];
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
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (isExcluded(rootDir, full, exclude)) continue;
      if (entry.isDirectory() || (entry.isSymbolicLink() && isDirectory(full))) {
        pending.push(full);
        continue;
      }
      if (kindByName(full) === undefined) continue;
      const text = readText(full);
      const kind = text === undefined ? undefined : classify(full, text);
      if (text === undefined || !kind) continue;
      count++;
      onFile({ path: full, kind, text });
    }
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  return count;
}
