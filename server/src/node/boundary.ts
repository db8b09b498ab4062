// The read boundary: a repository is untrusted, so nothing is read whose real path (after every
// symbolic link) lies outside the analysed folder. An absolute link target such as Debian's
// `sites-enabled/app -> /etc/nginx/sites-available/app` is mapped the way absolute includes are:
// through `nginx.prefixMap`, else to the folder of the repository that mirrors the deployed tree.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { deployedPrefixes } from '../core/nginx/deployed';
import { isInside } from '../core/paths';
import type { Refusal } from '../core/access';

export type { Refusal } from '../core/access';

/** `listed`: a folder listing said the file is a regular file (no stat is needed to read it). */
export type Resolved = { real: string; listed?: boolean } | { refused: Refusal };

/** Symbolic links followed for one path before it is called a loop (Linux's MAXSYMLINKS). */
const maxLinkHops = 40;

export class ReadBoundary {
  /** The analysed folder's own real path: everything read must lie under it. */
  readonly realRoot: string;

  /** `prefixMap`: deployed folder -> absolute folder in the workspace (settings, resolved). */
  constructor(
    readonly rootDir: string,
    private readonly prefixMap: () => Record<string, string> = () => ({}),
  ) {
    this.realRoot = realpathOr(rootDir);
  }

  /** Whether a path lies under the analysed folder as written (before links are followed). */
  contains(file: string): boolean {
    return isInside(file, this.rootDir) || isInside(file, this.realRoot);
  }

  /**
   * The real path of a file or folder when it lies inside the analysed folder, or why not. The
   * path is given under `rootDir` (as every other path of the analysis), even when the folder
   * itself is reached through a link.
   */
  resolve(file: string): Resolved {
    const known = this.files.get(file);
    if (known) return known;
    const resolved = this.resolveNow(file);
    this.files.set(file, resolved);
    return resolved;
  }

  /**
   * Notes a regular file a folder listing found (an include glob lists thousands): it is known to
   * lie inside without a system call, for the rest of this turn of the event loop.
   */
  noteListed(dir: string, name: string): void {
    const realDir = this.resolvedDir(dir);
    if (realDir !== undefined) this.files.set(path.join(dir, name), { real: path.join(realDir, name), listed: true });
  }

  private resolveNow(file: string): Resolved {
    if (!this.contains(file)) return { refused: 'outside' };
    // Most files sit in a folder already resolved: one lstat says they are no link.
    const dir = this.resolvedDir(path.dirname(file));
    if (dir !== undefined) {
      const inDir = path.join(dir, path.basename(file));
      const stat = lstatOrWhy(inDir);
      if ('refused' in stat) return stat;
      if (!stat.isSymbolicLink()) return { real: inDir };
    }
    return this.resolveWhole(file);
  }

  /**
   * Folders and files resolved during this turn of the event loop. One analysis reads thousands
   * of files from a few folders; a file or folder replaced by a link later must not keep its old
   * answer, so the memos are dropped as soon as the analysis yields.
   */
  private readonly dirs = new TurnMemo<string | null>();
  private readonly files = new TurnMemo<Resolved>();

  private resolvedDir(dir: string): string | undefined {
    let known = this.dirs.get(dir);
    if (known === undefined) {
      const resolved = this.contains(dir) ? this.resolveWhole(dir) : { refused: 'outside' as const };
      known = 'real' in resolved ? resolved.real : null;
      this.dirs.set(dir, known);
    }
    return known ?? undefined;
  }

  private resolveWhole(file: string): Resolved {
    let resolved: Resolved | undefined;
    try {
      const real = fs.realpathSync.native(file);
      if (isInside(real, this.realRoot)) resolved = { real };
    } catch {
      // Missing, or a link whose absolute target exists only in the deployed tree: walk it below.
    }
    resolved ??= this.walk(file);
    if (!('real' in resolved) || this.realRoot === this.rootDir) return resolved;
    return { real: path.join(this.rootDir, path.relative(this.realRoot, resolved.real)) };
  }

  /** Follows the path one name at a time from the root, mapping absolute link targets. */
  private walk(file: string): Resolved {
    const base = isInside(file, this.rootDir) ? this.rootDir : this.realRoot;
    const pending = namesOf(path.relative(base, file));
    let current = this.realRoot;
    let hops = 0;
    while (pending.length > 0) {
      const name = pending.shift()!;
      if (name === '..') {
        current = path.dirname(current);
        if (!isInside(current, this.realRoot)) return { refused: 'outside' };
        continue;
      }
      const candidate = path.join(current, name);
      const stat = lstatOrWhy(candidate);
      if ('refused' in stat) return stat;
      if (!stat.isSymbolicLink()) {
        current = candidate;
        continue;
      }
      if (++hops > maxLinkHops) return { refused: 'loop' };
      let target: string;
      try {
        target = fs.readlinkSync(candidate);
      } catch {
        return { refused: 'unreadable' };
      }
      const next = path.isAbsolute(target) ? this.mapAbsolute(target, current) : path.resolve(current, target);
      if (next === undefined || !isInside(next, this.realRoot)) return { refused: 'outside' };
      pending.unshift(...namesOf(path.relative(this.realRoot, next)));
      current = this.realRoot;
    }
    return { real: current };
  }

  /**
   * Where an absolute link target lives in the workspace: under the analysed folder itself, mapped
   * by `nginx.prefixMap`, or for a deployed nginx folder (`/etc/nginx/...`), the nearest folder
   * above the link that holds the rest of the path (the repository's mirror of /etc/nginx).
   */
  private mapAbsolute(target: string, linkDir: string): string | undefined {
    if (isInside(target, this.realRoot)) return target;
    const mapped = Object.entries(this.prefixMap())
      .sort((a, b) => b[0].length - a[0].length)
      .find(([deployed]) => isInside(target, deployed) || target === deployed);
    if (mapped) return path.join(realpathOr(mapped[1]), path.relative(mapped[0], target));
    const deployed = deployedPrefixes.find((prefix) => isInside(target, prefix));
    if (!deployed) return undefined;
    const rest = path.relative(deployed, target);
    for (let dir = linkDir; isInside(dir, this.realRoot) || dir === this.realRoot; dir = path.dirname(dir)) {
      const candidate = path.join(dir, rest);
      if (fs.existsSync(candidate)) return candidate;
      if (dir === this.realRoot) break;
    }
    return undefined;
  }
}

/** A map emptied when the event loop next turns. */
class TurnMemo<V> {
  private readonly map = new Map<string, V>();
  private dropScheduled = false;

  get(key: string): V | undefined {
    return this.map.get(key);
  }

  set(key: string, value: V): void {
    this.map.set(key, value);
    if (this.dropScheduled) return;
    this.dropScheduled = true;
    setImmediate(() => {
      this.map.clear();
      this.dropScheduled = false;
    });
  }
}

/** What a path is, without following a link at its end; or why that cannot be said. */
function lstatOrWhy(file: string): fs.Stats | { refused: Refusal } {
  try {
    return fs.lstatSync(file, { throwIfNoEntry: false }) ?? { refused: 'missing' };
  } catch {
    return { refused: 'unreadable' };
  }
}

function namesOf(relative: string): string[] {
  return relative.split(path.sep).filter((name) => name !== '' && name !== '.');
}

function realpathOr(file: string): string {
  try {
    return fs.realpathSync.native(file);
  } catch {
    return path.resolve(file);
  }
}
