// The kind of a file by its name and, where the name is not enough, its text: a backend kind's
// file or companion file (each kind names its own), else nginx configuration or nothing.
import * as path from 'node:path';
import { backendKinds } from '../core/backends';
import { backendPatterns } from '../core/backends/names';
import type { AnyBackendKind } from '../core/backends/kind';
import { deploymentKind, isDeploymentFileName } from '../core/deployment';
import {
  binaryIsSaid,
  isBinaryText,
  looksLikeNginx,
  neverNginxByName,
  nginxByText,
  nginxKindByName,
  unreadIsSaid,
  type FileKind,
} from '../core/classify';

/**
 * The tag files a backend file reads (catalina.properties) are registered under, for every kind
 * (named when Tomcat was the only kind; the folder scan's tests and reports use the word).
 */
export const companionKind = 'properties';

interface ClaimedNames {
  /** Exact names: the kind id, or the companion tag. */
  names: Map<string, FileKind>;
  /** Names with a `*` (`application-*.yml`), as expressions, with the text test of the kind claiming them. */
  patterns: [RegExp, FileKind, ((file: string, text: string) => boolean) | undefined][];
}

/** File names the registered backend kinds claim: the kind id, or the companion tag. */
function claimedNames(kinds: readonly AnyBackendKind[]): ClaimedNames {
  const claimed: ClaimedNames = { names: new Map(), patterns: [] };
  const claim = (name: string, kind: FileKind, test?: (file: string, text: string) => boolean) => {
    if (!name.includes('*')) claimed.names.set(name, kind);
    else claimed.patterns.push([new RegExp(`^${name.split('*').map(escapeRegExp).join('[^/\\\\]+')}$`), kind, test]);
  };
  for (const kind of kinds) {
    for (const name of kind.fileNames) claim(name, kind.id, kind.fileTextTest);
    for (const name of kind.companionNames) claim(name, companionKind, kind.companionTextTest);
  }
  return claimed;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const registered = claimedNames(backendKinds);

/** The kind a file's name implies; `maybe-nginx` needs a look at its text. */
export function kindByName(file: string, kinds?: readonly AnyBackendKind[]): FileKind | 'maybe-nginx' | undefined {
  const claimed = kinds ? claimedNames(kinds) : registered;
  const base = path.basename(file);
  const byName = claimed.names.get(base) ?? claimed.patterns.find(([pattern]) => pattern.test(base))?.[1];
  // Compose files, their .env and Dockerfiles are read by the deployment readers, never as nginx.
  return byName ?? (isDeploymentFileName(base) ? deploymentKind : nginxKindByName(file));
}

/** Whether a file of this kind by name that cannot be read is said to be unread (a `.conf` anywhere is not, nor a source file). */
export function unreadIsReported(file: string, byName: FileKind | 'maybe-nginx' | undefined): boolean {
  return byName !== undefined && (byName !== 'maybe-nginx' || unreadIsSaid(file)) && textTestOf(file) === undefined;
}

/** The text test of a name many files share (`*.java`): such files are kept only when their text passes it. */
function textTestOf(file: string): ((file: string, text: string) => boolean) | undefined {
  const base = path.basename(file);
  if (registered.names.has(base)) return undefined; // claimed by its exact name
  return registered.patterns.find(([pattern]) => pattern.test(base))?.[2];
}

/** The kind of a file given its text, or undefined when it is not one this tool reads (a binary file is none). */
export function classify(file: string, text: string, kinds?: readonly AnyBackendKind[]): FileKind | undefined {
  const kind = kindOfText(file, kindByName(file, kinds), text, kinds);
  return typeof kind === 'string' ? kind : undefined;
}

/**
 * The kind of a file whose name gave `byName`, now that its text is known: a file its name makes
 * configuration but that holds no text (a binary `nginx.conf`) is refused, said as such; one
 * whose name only might be nginx's is nginx when its text looks like it.
 */
export function kindOfText(
  file: string,
  byName: FileKind | 'maybe-nginx' | undefined,
  text: string,
  kinds: readonly AnyBackendKind[] = backendKinds,
): FileKind | { refused: 'binary' } | undefined {
  if (byName === undefined) return undefined;
  const test = byName !== 'maybe-nginx' ? textTestOf(file) : undefined;
  if (test) return !isBinaryText(text) && test(file, text) ? byName : undefined;
  if (isBinaryText(text)) return byName !== 'maybe-nginx' || binaryIsSaid(file) ? { refused: 'binary' } : undefined;
  if (byName === 'maybe-nginx')
    return claimedByText(file, text, kinds) ?? (nginxByText(file, text) ? 'nginx' : claimedWhenNotNginx(file, text, kinds));
  return byName;
}

/** The kind whose text test claims a file its name leaves open (a php-fpm pool's `.conf`), if one does. */
function claimedByText(file: string, text: string, kinds: readonly AnyBackendKind[]): FileKind | undefined {
  return kinds.find((kind) => kind.claimsText?.(file, text))?.id;
}

/** A kind claiming a file nginx's names made a candidate but nginx's text test refused (Apache httpd's vhosts). */
function claimedWhenNotNginx(file: string, text: string, kinds: readonly AnyBackendKind[]): FileKind | undefined {
  return kinds.find((kind) => kind.claimsRefusedText?.(file, text))?.id;
}

/**
 * The kind of a document an editor holds. An editor's `nginx` language mode counts as an nginx
 * folder would (the client sets it by folder names, `conf.d/*.conf`, `sites-available/*`): the
 * text must still look like nginx, and a Dockerfile or a script is never nginx.
 */
export function classifyDocument(file: string, text: string, languageId: string): FileKind | undefined {
  const byName = kindByName(file);
  if (languageId !== 'nginx' || (byName !== undefined && byName !== 'maybe-nginx') || neverNginxByName(file)) return classify(file, text);
  if (isBinaryText(text)) return undefined;
  return claimedByText(file, text, backendKinds) ?? (looksLikeNginx(text, true) ? 'nginx' : claimedWhenNotNginx(file, text, backendKinds));
}

/** Glob patterns of every file a kind claims by name, for file watchers. */
export function claimedPatterns(): string[] {
  return [...backendPatterns];
}
