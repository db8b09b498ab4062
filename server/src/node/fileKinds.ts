// The kind of a file by its name and, where the name is not enough, its text: a backend kind's
// file or companion file (each kind names its own), else nginx configuration or nothing.
import * as path from 'node:path';
import { backendKinds } from '../core/backends';
import type { AnyBackendKind } from '../core/backends/kind';
import { looksLikeNginx, nginxKindByName, type FileKind } from '../core/classify';

/**
 * The tag files a backend file reads (catalina.properties) are registered under, for every kind
 * (named when Tomcat was the only kind; the folder scan's tests and reports use the word).
 */
export const companionKind = 'properties';

/** File names the registered backend kinds claim, by name: the kind id, or the companion tag. */
function claimedNames(kinds: readonly AnyBackendKind[]): Map<string, FileKind> {
  const names = new Map<string, FileKind>();
  for (const kind of kinds) {
    for (const name of kind.fileNames) names.set(name, kind.id);
    for (const name of kind.companionNames) names.set(name, companionKind);
  }
  return names;
}

const registered = claimedNames(backendKinds);

/** The kind a file's name implies; `maybe-nginx` needs a look at its text. */
export function kindByName(file: string, kinds?: readonly AnyBackendKind[]): FileKind | 'maybe-nginx' | undefined {
  const claimed = (kinds ? claimedNames(kinds) : registered).get(path.basename(file));
  return claimed ?? nginxKindByName(file);
}

/** The kind of a file given its text, or undefined when it is not one this tool reads. */
export function classify(file: string, text: string, kinds?: readonly AnyBackendKind[]): FileKind | undefined {
  const byName = kindByName(file, kinds);
  if (byName === 'maybe-nginx') return looksLikeNginx(text) ? 'nginx' : undefined;
  return byName;
}

/** Glob patterns of every file a kind claims by name, for file watchers. */
export function claimedPatterns(): string[] {
  return [...registered.keys()].map((name) => `**/${name}`);
}
