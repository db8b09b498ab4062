// `include` as nginx does it (ngx_conf_include): relative paths resolve against the conf prefix (the
// folder of the main config), not the including file; a pattern with * ? [ is a glob, sorted, that
// may match nothing; a plain path must exist. Included files are parsed once and shared.
import * as path from 'node:path';
import type { NginxDirective, NginxFile } from './ast';
import type { ParseProblem } from '../types';
import type { ConfigNode, IncludeEdge } from './nodes';

export type { IncludeEdge } from './nodes';
import { sameList } from '../memo';
import { keepNode, type NodeMoves } from './nodeMoves';
import { spliceAll, type Frame, type Subtree } from './subtree';
import { deployedPrefixes } from './deployed';
import { maxBlockDepth } from './parser';
import { refusalText, type Refusal } from '../access';
import { isInside } from '../paths';
import { asSentence, quoteToken } from '../quote';

export interface IncludeHost {
  /** The parsed file at an absolute path; undefined when it does not exist or cannot be read. */
  parse(file: string): NginxFile | undefined;
  /** Absolute paths matching an absolute glob pattern, sorted. */
  glob(pattern: string): string[];
  /** Why `parse` gave nothing for a file (absent or undefined: not found). */
  whyUnread?(file: string): Refusal | undefined;
  /** The path a file is known by when a link leads to it (its real path), if that differs. */
  realPath?(file: string): string | undefined;
}

export interface IncludeOptions {
  /** nginx's conf prefix: the folder of the main configuration file. */
  confPrefix: string;
  /**
   * The conf prefix as deployed (`/etc/nginx`), when a deployment file says where the main file
   * goes: relative includes resolve against it, then through `prefixMap`, else below `confPrefix`.
   */
  deployedConfPrefix?: string;
  /** Deployed folder -> workspace folder, for absolute include paths (`/etc/nginx` -> `deploy/nginx`). */
  prefixMap?: Record<string, string>;
  /** The analysed folder: an include resolving outside it is reported, not read. */
  boundary?: string;
  /**
   * The directives the expansion's readers look at; the others are left out of it (each file's
   * own checks read the file itself). An edit to a directive left out, or to text beside the kept
   * ones, then leaves every expansion that includes the file as it was. Default: all.
   */
  keep?: (directive: NginxDirective) => boolean;
  /**
   * Whether the readers derive the same from two versions of a directive with the same name (in
   * two parses of a file). Default: the same arguments as written.
   */
  sameMeaning?: (before: NginxDirective, now: NginxDirective) => boolean;
  /** Where kept nodes that moved are counted (the workspace's layout version); default: a count of its own. */
  moves?: NodeMoves;
}

export interface Expansion {
  /** The root file's directives with includes replaced by what they include, at every depth (those `keep` accepts). */
  nodes: ConfigNode[];
  /** Problems of the include directives met (each file's once), computed on demand. */
  problems: () => IncludeProblem[];
  /** Every include directive met, with the files each brought in, computed on demand. */
  includes: () => IncludeEdge[];
}

export interface IncludeProblem {
  file: NginxFile;
  problem: ParseProblem;
}

/** Files nginx packages ship next to nginx.conf: a workspace often leaves them out, and that is fine. */
const shippedWithNginx = new Set([
  'mime.types',
  'fastcgi_params',
  'fastcgi.conf',
  'proxy_params',
  'scgi_params',
  'uwsgi_params',
  'koi-utf',
  'koi-win',
  'win-utf',
  'fastcgi-php.conf',
]);
const maxDepth = 32;
/** Blocks nested across included files deeper than this are not read (each file's own parse stops at maxBlockDepth). */
export const maxExpandedDepth = 2 * maxBlockDepth;

export function resolveIncludePath(written: string, options: IncludeOptions): string {
  if (!path.isAbsolute(written) && options.deployedConfPrefix === undefined) return path.join(options.confPrefix, written);
  const pattern = path.isAbsolute(written) ? written : path.posix.join(options.deployedConfPrefix!, written);
  const mapped = Object.entries(options.prefixMap ?? {})
    .sort((a, b) => b[0].length - a[0].length)
    .find(([deployed]) => pattern === deployed || isUnder(pattern, deployed));
  if (mapped) return path.join(mapped[1], path.relative(mapped[0], pattern));
  const deployed = [options.deployedConfPrefix, ...deployedPrefixes].find((prefix) => prefix !== undefined && isUnder(pattern, prefix));
  return deployed ? path.join(options.confPrefix, path.relative(deployed, pattern)) : pattern;
}

/** Whether `file` lies inside `folder` (both absolute); a string test unless a path needs normalizing. */
function isUnder(file: string, folder: string): boolean {
  if (!needsNormalizing(file) && !needsNormalizing(folder)) {
    const base = folder.endsWith(path.sep) ? folder : folder + path.sep;
    return file.length > base.length && file.startsWith(base);
  }
  const relative = path.relative(folder, file);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

/** `.` or `..` segments, doubled separators, or another separator than the platform's. */
const needsNormalizing = (p: string) => /\/\.\.?(?:\/|$)|\/\/|\\/.test(p) || (path.sep === '\\' && p.includes('/'));

/**
 * Expands includes, remembering each file's expansion between calls: an expansion is reused while
 * the file, everything it read (includes, glob matches) and its included expansions are unchanged,
 * so an edit re-expands only the files on the path from the edited file up to the root.
 */
export class IncludeExpander {
  private readonly memo = new Map<string, Subtree>();
  /** Bumped per analysis: a subtree is validated at most once per generation. */
  private generation = 0;
  /**
   * The files whose expansions tried to include a missing file, by that file: they become stale
   * when it appears. Paths, not expansions: a remembered expansion may be replaced by a patched copy.
   */
  private readonly missingFrom = new Map<string, Set<string>>();
  /** Whether glob matches can be trusted to be those of the last generation. */
  private globsKept = false;
  /** Bumped when an expansion is read anew with different included files (or for the first time). */
  structureVersion = 0;
  /**
   * The generation whose walk last stamped every expansion it reached. While no include changes
   * which files are read (same roots, same included files, no cycle, no file appearing or going),
   * a generation stamps only what it touches, and whatever was stamped since then is reached.
   */
  private stampGeneration = 0;
  /** This generation relies on `stampGeneration`'s walk for what it did not touch. */
  private carried = false;
  /** The roots expanded this generation and the last, in order. */
  private roots: string[] = [];
  private lastRoots: string[] = [];
  private structureAtStart = 0;
  /** Remembered expansions with include problems, to list them without walking every expansion. */
  private readonly withProblems = new Set<Subtree>();
  /** This generation's expansions that met a cycle: not remembered, but reached. */
  private readonly cutTrees = new Map<string, Subtree>();
  /** The last generation met cycles: what only they reached may be unreached now. */
  private cutLastTime = false;
  /** The files each file is included by (remembered expansions only), to find what a change reaches. */
  private readonly includersOf = new Map<string, Set<string>>();
  /** Files that changed this generation, or include one that did: only their expansions are checked. */
  private readonly dirty = new Set<string>();

  private readonly moves: NodeMoves;

  constructor(
    private readonly host: IncludeHost,
    private readonly options: IncludeOptions,
  ) {
    this.moves = options.moves ?? { count: 0 };
  }

  /**
   * Starts a new analysis. `changed` names every file whose text changed since the last one (the
   * others parse to the same objects); `globsKept` says no file appeared or went since.
   */
  nextGeneration(changed: ReadonlySet<string>, globsKept: boolean): void {
    this.generation++;
    this.cutLastTime = this.cutTrees.size > 0;
    this.cutTrees.clear();
    this.globsKept = globsKept;
    this.dirty.clear();
    this.lastRoots = this.roots;
    this.roots = [];
    this.structureAtStart = this.structureVersion;
    this.carried = globsKept && !this.cutLastTime && this.stampGeneration > 0;
    if (!this.carried) this.stampGeneration = this.generation;
    // Mark what the changes make stale here, so that checking an expansion reads no path, and what
    // includes them dirty, so that every other expansion is current without being checked.
    for (const file of changed) {
      for (const includer of this.missingFrom.get(file) ?? []) {
        const tree = this.memo.get(includer);
        if (tree) tree.stale = true;
        this.markDirty(includer);
      }
      this.missingFrom.delete(file);
      const tree = this.memo.get(file);
      if (tree && this.rereadAlone(tree)) continue;
      if (tree) tree.stale = true;
      this.markDirty(file);
    }
  }

  /**
   * Reads a changed file that includes nothing right away: its expansion is the same whoever
   * includes it. When its nodes came out the same (an edit to what the model does not read, or
   * lines that only moved), the remembered expansion takes the new parse and no includer is
   * checked; otherwise the new expansion is remembered and the includers are marked. Says
   * whether it handled the file.
   */
  private rereadAlone(tree: Subtree): boolean {
    if (tree.children.length > 0 || tree.includes.length > 0 || tree.problems.length > 0) return false; // an include it had, even a wrong one, may be gone
    const parsed = this.host.parse(tree.file.path);
    if (!parsed || !includesNothing(parsed.directives)) return false;
    const fresh = this.read(parsed, [parsed.path], tree);
    if (fresh.nodes === tree.nodes) {
      tree.file = fresh.file;
      tree.own = fresh.own;
      return true;
    }
    // Read, not reached: whether a root still reaches it this generation is for the expansions to say.
    fresh.checked = tree.checked;
    fresh.includedIn = tree.includedIn;
    fresh.includedBy = tree.includedBy;
    this.memo.set(parsed.path, fresh);
    this.markDirty(parsed.path);
    return true;
  }

  private markDirty(file: string): void {
    const pending = [file];
    for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
      if (this.dirty.has(next)) continue;
      this.dirty.add(next);
      for (const includer of this.includersOf.get(next) ?? []) pending.push(includer);
    }
  }

  /**
   * Forgets expansions this generation did not reach: the files they read may be forgotten too.
   * Returns whether it forgot any.
   */
  forgetUnreached(): boolean {
    this.settle();
    if (this.carried) return false; // the same files are read as when everything unreached was last forgotten
    let forgot = false;
    for (const [file, tree] of this.memo) {
      if (tree.checked === this.generation) continue;
      this.memo.delete(file);
      this.unlink(tree);
      forgot = true;
    }
    for (const tree of this.withProblems) if (tree.checked !== this.generation) this.withProblems.delete(tree);
    return forgot || this.cutLastTime;
  }

  expand(root: NginxFile): Expansion {
    const stack = [root.path];
    this.roots.push(root.path);
    const tree = this.current(root.path, stack) ?? this.reread(root, stack);
    // Other roots or other included files than last time: what is reached must be stamped anew
    // (after the expansion, so that the stamps do not pass this root off as checked).
    if (this.carried && (this.lastRoots[this.roots.length - 1] !== root.path || this.structureVersion !== this.structureAtStart))
      this.stampAll();
    const walk =
      <T>(pick: (t: Subtree) => T[]) =>
      () => {
        const seen = new Set<Subtree>(); // a snippet included from many places counts once
        const found: T[] = [];
        const visit = (t: Subtree) => {
          if (seen.has(t)) return;
          seen.add(t);
          found.push(...pick(t));
          for (const child of t.children) visit(child);
        };
        visit(tree);
        return found;
      };
    return { nodes: tree.nodes, problems: walk((t) => t.problems), includes: walk((t) => t.includes) };
  }

  /** Whether this generation's expansions reached the file (as a root or included). */
  reached(file: string): boolean {
    this.settle();
    return ((this.memo.get(file) ?? this.cutTrees.get(file))?.checked ?? -1) >= this.stampGeneration;
  }

  /**
   * Whether the roots expanded so far this generation included the file from another. A main file
   * another main includes is no root of its own, so the answer must not count roots still to come.
   */
  included(file: string): boolean {
    const tree = this.memo.get(file) ?? this.cutTrees.get(file);
    return tree !== undefined && tree.includedIn >= this.stampGeneration && tree.includedBy < this.roots.length;
  }

  /**
   * Records that an expansion is included by the root being expanded (or `root`), unless an
   * earlier root did: this generation, or (while reachability is carried) when last stamped.
   */
  private markIncluded(tree: Subtree, root = this.roots.length - 1): void {
    const earlier = tree.includedIn >= this.stampGeneration ? tree.includedBy : root;
    tree.includedIn = this.generation;
    tree.includedBy = Math.min(root, earlier);
  }

  /** The include problems of every file reached this generation, each once. */
  reachedProblems(): IncludeProblem[] {
    this.settle();
    const problems: IncludeProblem[] = [];
    for (const tree of [...this.withProblems, ...this.cutTrees.values()])
      if (tree.checked >= this.stampGeneration) problems.push(...tree.problems);
    return problems;
  }

  /** Once every root is expanded: fewer roots than last time also change what is reached. */
  private settle(): void {
    if (this.carried && this.roots.length !== this.lastRoots.length) this.stampAll();
  }

  /** Stamps everything this generation's roots reach, from now on as each expansion is read. */
  private stampAll(): void {
    this.carried = false;
    this.stampGeneration = this.generation;
    const seen = new Set<Subtree>();
    const visit = (tree: Subtree, root: number) => {
      if (seen.has(tree)) return;
      seen.add(tree);
      tree.checked = this.generation;
      for (const child of tree.children) {
        this.markIncluded(child, root);
        visit(child, root);
      }
    };
    this.roots.forEach((root, index) => {
      const tree = this.memo.get(root) ?? this.cutTrees.get(root);
      if (tree) visit(tree, index);
    });
  }

  /** The remembered expansion of a file, if it still holds; `stack` is the include path ending with the file. */
  /** `/etc/nginx as deployed, else ` when a deployment file placed the main file there. */
  private deployedWords(): string {
    const deployed = this.options.deployedConfPrefix;
    return deployed === undefined ? '' : `${deployed} as deployed, else `;
  }

  private current(file: string, stack: string[]): Subtree | undefined {
    const known = this.memo.get(file);
    return known && this.validated(known, stack);
  }

  private reread(file: NginxFile, stack: string[]): Subtree {
    const before = this.memo.get(file.path);
    const tree = this.read(file, stack, before);
    if (before) this.withProblems.delete(before);
    const sameFiles =
      before !== undefined &&
      !tree.cut &&
      sameList(
        before.children.map((c) => c.file.path),
        tree.children.map((c) => c.file.path),
      );
    if (!sameFiles) {
      this.structureVersion++;
      if (before) this.unlink(before);
      if (!tree.cut) for (const child of tree.children) this.link(file.path, child.file.path);
    }
    if (tree.cut) {
      this.memo.delete(file.path);
      this.cutTrees.set(file.path, tree);
    } else {
      this.memo.set(file.path, tree);
      if (tree.problems.length > 0) this.withProblems.add(tree);
    }
    return tree;
  }

  /**
   * A remembered expansion as it stands now: itself, a copy patched where the nodes an included
   * file brings in changed, or undefined when it must be read again. An included file that changed
   * is read again first; so an edit to one of 10,000 files a glob includes splices its new nodes
   * into the includer's lists instead of reading the includer again.
   */
  private validated(tree: Subtree, stack: string[]): Subtree | undefined {
    if (tree.checked === this.generation) return tree;
    if (tree.stale) return undefined;
    if (this.unchanged(tree)) return tree;
    if (!this.globsKept && !tree.globs.every((g) => sameList(this.host.glob(g.pattern), g.matches))) return undefined;
    const brought = new Map<number, Subtree>(); // included expansions whose nodes changed, by child index
    for (let i = 0; i < tree.children.length; i++) {
      const child = tree.children[i];
      if (this.unchanged(child)) {
        this.markIncluded(child);
        continue;
      }
      const fresh = this.refreshed(child, stack);
      if (!fresh || fresh.cut || fresh.depth !== child.depth) return undefined; // a deeper child is checked where it is included
      if (fresh !== child && fresh.nodes !== child.nodes) brought.set(i, fresh);
      else tree.children[i] = fresh;
      this.markIncluded(fresh);
    }
    let current = tree;
    if (brought.size > 0) {
      current = { ...tree, children: tree.children.map((child, i) => brought.get(i) ?? child) };
      spliceAll(current, brought);
    }
    if (current !== tree) {
      this.memo.set(tree.file.path, current);
      if (this.withProblems.delete(tree)) this.withProblems.add(current);
    }
    current.checked = this.generation;
    return current;
  }

  /**
   * Whether nothing an expansion reads changed (it is not on the path of a change); it is then
   * current, stamped as reached unless this generation relies on the last full stamp.
   */
  private unchanged(tree: Subtree): boolean {
    if (!this.globsKept || this.dirty.has(tree.file.path)) return false;
    if (!this.carried && tree.checked !== this.generation) this.stamp(tree);
    return true;
  }

  /** Marks an expansion and what it includes current and reached, without checking them. */
  private stamp(tree: Subtree): void {
    tree.checked = this.generation;
    for (const child of tree.children) {
      this.markIncluded(child);
      if (child.checked !== this.generation) this.stamp(child);
    }
  }

  private link(includer: string, included: string): void {
    const includers = this.includersOf.get(included);
    if (includers) includers.add(includer);
    else this.includersOf.set(included, new Set([includer]));
  }

  /** Forgets that a replaced or forgotten expansion includes its children. */
  private unlink(tree: Subtree): void {
    for (const child of tree.children) {
      const includers = this.includersOf.get(child.file.path);
      includers?.delete(tree.file.path);
      if (includers?.size === 0) this.includersOf.delete(child.file.path);
    }
  }

  /** The current expansion of an included file, read again if it changed; undefined when it is gone or now closes a cycle. */
  private refreshed(child: Subtree, stack: string[]): Subtree | undefined {
    const file = child.file.path;
    if (stack.includes(file) || stack.length > maxDepth) return undefined; // the includer's own read reports it
    stack.push(file);
    try {
      const known = this.current(file, stack);
      if (known) return known;
      const parsed = this.host.parse(file);
      return parsed && this.reread(parsed, stack);
    } finally {
      stack.pop();
    }
  }

  /**
   * Reads a file's expansion. With `before`, the file's last expansion, every node that stands
   * for the same directive with the same children is that old node (see `keepNode`), so what was
   * derived from it (routes, findings) is kept.
   */
  private read(file: NginxFile, stack: string[], before?: Subtree): Subtree {
    const tree: Subtree = {
      file,
      nodes: [],
      own: [],
      problems: [],
      includes: [],
      globs: [],
      children: [],
      splices: [],
      cut: false,
      depth: 0,
      stale: false,
      checked: this.generation,
      includedIn: -1,
      includedBy: -1,
    };
    const keep = this.options.keep;
    const report = (span: { start: number; end: number }, message: string, severity: ParseProblem['severity'] = 'error') =>
      tree.problems.push({ file, problem: { code: 'nginx-include', severity, message, span: { start: span.start, end: span.end } } });
    /** Appends the nodes of `directives` to `nodes`. */
    const expand = (directives: NginxDirective[], frame: Frame, depth: number): void => {
      const nodes = frame.list;
      for (const directive of directives) {
        if (directive.name.value !== 'include') {
          if (keep && !keep(directive)) continue;
          if (directive.block) tree.depth = Math.max(tree.depth, depth + 1);
          const index = tree.own.length;
          const old = before?.own[index];
          tree.own.push(old); // reserves the slot in reading order; set below
          const inner: Frame | undefined = directive.block && { list: [], owner: undefined, parent: frame };
          if (inner) expand(directive.block!.children, inner, depth + 1);
          const children = inner?.list;
          const node =
            old && keepNode(old, directive, file, children, this.moves, this.options.sameMeaning)
              ? old
              : { directive, file, children, modelMemo: undefined };
          if (inner) {
            inner.list = node.children!;
            inner.owner = node;
          }
          tree.own[index] = node;
          nodes.push(node);
          continue;
        }
        if (directive.args.length !== 1) {
          report(directive.name, 'invalid number of arguments in "include" directive: it takes one file name or pattern');
          continue;
        }
        const pattern = directive.args[0].value;
        const resolved = resolveIncludePath(pattern, this.options);
        const edge: IncludeEdge = { node: { directive, file }, targets: [] };
        tree.includes.push(edge);
        if (this.options.boundary !== undefined && !isInside(resolved, this.options.boundary)) {
          report(
            directive.args[0],
            `include "${quoteToken(pattern)}": ${refusalText('outside')}. Map its folder with timeoutChain.nginx.prefixMap to read it.`,
            'info',
          );
          continue;
        }
        const isGlob = /[*?[]/.test(pattern);
        const targets = isGlob ? this.host.glob(resolved) : [resolved];
        if (isGlob) tree.globs.push({ pattern: resolved, matches: targets });
        let refusalSaid = false;
        for (const matched of targets) {
          // A file reached through a link is the file it links to: one parse, findings where its text is.
          const target = this.host.realPath?.(matched) ?? matched;
          if (stack.includes(target) || stack.length > maxDepth) {
            const cycle = [...stack.slice(stack.indexOf(target)), target].map((f) => path.basename(f)).join(' -> ');
            report(
              directive.args[0],
              stack.includes(target)
                ? `include cycle: ${cycle}; nginx would include these files again and again`
                : 'includes nested too deeply',
            );
            tree.cut = true;
            continue;
          }
          stack.push(target);
          const known = this.current(target, stack);
          const included = known?.file ?? this.host.parse(target);
          if (!included) {
            stack.pop();
            const includers = this.missingFrom.get(target) ?? new Set();
            this.missingFrom.set(target, includers.add(file.path));
            const refusal = this.host.whyUnread?.(target);
            if (refusal && refusal !== 'missing') {
              // Once per include directive, however many files its glob matched.
              if (!refusalSaid)
                report(
                  directive.args[0],
                  `include "${quoteToken(pattern)}": ${quoteToken(path.basename(target))} is ${refusalText(refusal)}`,
                  refusal === 'outside' ? 'info' : 'warning',
                );
              refusalSaid = true;
            } else if (!isGlob && !shippedWithNginx.has(path.basename(target))) {
              // The first sentence names the file as written, or under the prefix; the next, where it was looked for.
              const prefix = this.options.confPrefix;
              const shown = path.isAbsolute(pattern) || !isInside(target, prefix) ? pattern : path.relative(prefix, target);
              const resolved = `relative paths are resolved against the folder of the main nginx.conf, ${this.deployedWords()}${prefix}.`;
              const where = target === shown ? asSentence(resolved) : `nginx would read ${quoteToken(target, 160)}: ${resolved}`;
              report(directive.args[0], `include file not found: ${quoteToken(shown, 80)}. ${where}`, 'warning');
            }
            continue;
          }
          const child = known ?? this.reread(included, stack);
          stack.pop();
          if (depth + child.depth > maxExpandedDepth) {
            // Every reader of the expansion walks it recursively: the nesting must stay bounded.
            report(
              directive.args[0],
              `including ${quoteToken(path.basename(target))} here nests blocks more than ${maxExpandedDepth} levels deep: it is not read here`,
            );
            this.missingFrom.set(target, (this.missingFrom.get(target) ?? new Set()).add(file.path)); // read again when it changes
            continue;
          }
          tree.depth = Math.max(tree.depth, depth + child.depth);
          edge.targets.push(target);
          this.markIncluded(child);
          tree.children.push(child);
          tree.splices.push({ frame, at: nodes.length, count: child.nodes.length });
          tree.cut ||= child.cut;
          for (const node of child.nodes) nodes.push(node); // a spread would overflow the stack on huge files
        }
      }
    };
    const top: Frame = { list: [], owner: undefined, parent: undefined };
    expand(file.directives, top, 0);
    tree.nodes = top.list = before && sameList(top.list, before.nodes) ? before.nodes : top.list;
    return tree;
  }
}

function includesNothing(directives: NginxDirective[]): boolean {
  return directives.every((d) => d.name.value !== 'include' && (!d.block || includesNothing(d.block.children)));
}

/** Expands one root once, remembering nothing (tests, one-off tools). */
export function expandIncludes(root: NginxFile, host: IncludeHost, options: IncludeOptions): Expansion {
  return new IncludeExpander(host, options).expand(root);
}
