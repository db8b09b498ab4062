// Exclusion globs (timeoutChain.exclude and files.exclude) matched against workspace-relative paths.
import * as path from 'node:path';
import { compilePathGlob, type PathTest } from '../core/globMatch';

/** A relative path with forward slashes: true when an exclusion glob covers it. */
export type ExcludeTest = (relative: string) => boolean;

/** Compiled once per pattern: compiling costs far more than matching. */
const compiled = new Map<string, PathTest>();

function compiledGlob(pattern: string): PathTest {
  let found = compiled.get(pattern);
  if (!found) {
    if (compiled.size >= 1000) compiled.clear();
    const glob = compilePathGlob(pattern);
    found = 'error' in glob ? () => false : glob; // settings validation reports such a pattern
    compiled.set(pattern, found);
  }
  return found;
}

/** A pattern also excludes a folder when it matches the folder's path with a trailing slash. */
function globTest(pattern: string): ExcludeTest {
  const glob = compiledGlob(pattern);
  return (relative) => glob(relative) || glob(relative + '/');
}

/** `**` + `/name/**` or `**` + `/name`, with a name free of glob syntax: the defaults and most settings. */
const anyFolderNamed = /^\*\*\/([^*?[\]{}()!+@\\/#]+)\/\*\*$/;
const anyEntryNamed = /^\*\*\/([^*?[\]{}()!+@\\/#]+)$/;

/**
 * The same answers as globTest for paths without `.`, `..` or empty segments (what a folder walk
 * produces), by string comparison: the compiled glob splits and walks every path once per pattern.
 */
function literalTest(pattern: string): ExcludeTest | undefined {
  const folder = anyFolderNamed.exec(pattern)?.[1];
  if (folder !== undefined) {
    const [first, inner, last] = [folder + '/', '/' + folder + '/', '/' + folder];
    return (relative) => relative === folder || relative.startsWith(first) || relative.endsWith(last) || relative.includes(inner);
  }
  const entry = anyEntryNamed.exec(pattern)?.[1];
  if (entry !== undefined) {
    const last = '/' + entry;
    return (relative) => relative === entry || relative.endsWith(last);
  }
  return undefined;
}

/** One test for all patterns, for paths a folder walk produces (no `.`, `..` or empty segments). */
export function walkExcludeTest(exclude: readonly string[]): ExcludeTest {
  const tests = exclude.map((pattern) => literalTest(pattern) ?? globTest(pattern));
  return (relative) => tests.some((test) => test(relative));
}

export function isExcluded(rootDir: string, file: string, exclude: readonly string[]): boolean {
  const relative = toSlashes(path.relative(rootDir, file));
  return exclude.some((pattern) => globTest(pattern)(relative));
}

export function toSlashes(relative: string): string {
  return path.sep === '/' ? relative : relative.split(path.sep).join('/');
}
