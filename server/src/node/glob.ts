// nginx expands `include` patterns with glob(3): `*`, `?` and `[...]` within one path segment,
// hidden files only when the segment itself starts with a dot, results sorted (C locale).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { segmentMatcher } from '../core/globMatch';
import type { ReadBoundary } from './boundary';

const wildcard = /[*?[]/;

/** The matches of an absolute pattern; with a boundary, no folder outside it is listed. */
export function expandGlob(pattern: string, boundary?: ReadBoundary): string[] {
  const listable = (dir: string) => !boundary || 'real' in boundary.resolve(dir);
  const absolute = path.resolve(pattern);
  const root = path.parse(absolute).root;
  const segments = absolute
    .slice(root.length)
    .split(path.sep === '/' ? /\/+/ : /[\\/]+/)
    .filter((s) => s.length > 0);
  let current = [root];
  for (let index = 0; index < segments.length && current.length > 0; index++) {
    const segment = segments[index];
    if (!wildcard.test(segment)) {
      current = current.map((dir) => path.join(dir, segment)).filter((candidate) => fs.existsSync(candidate));
      continue;
    }
    const matcher = segmentMatcher(segment);
    if (index === segments.length - 1) return sortByBytes(current.filter(listable).flatMap((dir) => matchingFiles(dir, matcher, boundary)));
    current = current.filter(listable).flatMap((dir) => matchingNames(dir, matcher));
  }
  return sortByBytes(current.filter((file) => isFile(file)));
}

function matchingNames(dir: string, matcher: (name: string) => boolean): string[] {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return [];
  }
  return names.filter(matcher).map((name) => path.join(dir, name));
}

/** The files of `dir` whose names match: the listing's types spare a stat per regular file (an include of conf.d/*.conf can match thousands). */
function matchingFiles(dir: string, matcher: (name: string) => boolean, boundary?: ReadBoundary): string[] {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  const files: string[] = [];
  for (const entry of entries) {
    if (!matcher(entry.name) || entry.isDirectory()) continue;
    const file = path.join(dir, entry.name);
    // Symbolic links (and entries of unknown type) count when what they lead to is a file, on
    // disk or, for an absolute target in a deployed tree, in the repository's copy of it.
    if (entry.isFile()) {
      boundary?.noteListed(dir, entry.name);
      files.push(file);
    } else if (isFile(file) || (boundary !== undefined && isFileWithin(boundary, file))) files.push(file);
  }
  return files;
}

function isFileWithin(boundary: ReadBoundary, file: string): boolean {
  const resolved = boundary.resolve(file);
  return 'real' in resolved && isFile(resolved.real);
}

function isFile(file: string): boolean {
  try {
    return fs.statSync(file, { throwIfNoEntry: false })?.isFile() ?? false;
  } catch {
    return false;
  }
}

/** Below U+D800, UTF-16 code units order strings as their UTF-8 bytes do. */
const beyondCodeUnitOrder = /[\uD800-\uFFFF]/;

/** glob(3) sorts with strcmp in the C locale: by UTF-8 bytes. */
function sortByBytes(files: string[]): string[] {
  if (!files.some((file) => beyondCodeUnitOrder.test(file))) return files.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return files.sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
}

export { segmentMatcher } from '../core/globMatch';
