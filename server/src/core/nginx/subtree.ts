// One file's include expansion as remembered between analyses, and how the new nodes of a file it
// includes are spliced into it without reading it again.
import type { NginxFile } from './ast';
import type { ParseProblem } from '../types';
import type { ConfigNode, IncludeEdge } from './nodes';

/**
 * One file's expansion, valid for any includer unless `cut`: a cycle through it is found within
 * its own subtree whoever includes it, so only subtrees that met a cycle depend on their includer.
 */
export interface Subtree {
  file: NginxFile;
  nodes: ConfigNode[];
  /** The nodes of this file's own kept directives, in reading order (what a re-read may keep). */
  own: (ConfigNode | undefined)[];
  /** Problems of this file's own include directives. */
  problems: { file: NginxFile; problem: ParseProblem }[];
  /** This file's own include directives. */
  includes: IncludeEdge[];
  globs: { pattern: string; matches: string[] }[];
  children: Subtree[];
  /** Where each of `children` brought its nodes, to splice in new ones (`validated`). */
  splices: Splice[];
  /** A cycle or the depth limit cut it short. */
  cut: boolean;
  /** How many blocks deep its expansion nests (included files counted), at most maxExpandedDepth. */
  depth: number;
  /** Its file, or a file it missed, changed since it was read. */
  stale: boolean;
  /** The generation it was last checked or stamped in: reached while not older than the expander's last full stamp. */
  checked: number;
  /** The generation in which another file last included it (read the same way). */
  includedIn: number;
  /** Which root's expansion (its index in that generation's order of roots) included it first then. */
  includedBy: number;
}

/** A list of nodes in an expansion: the top one, or the children of the block node `owner`. */
export interface Frame {
  list: ConfigNode[];
  owner: ConfigNode | undefined;
  /** The frame whose list holds `owner`. */
  parent: Frame | undefined;
}

/** The nodes an included file brought: `count` nodes from `at` in `frame`'s list. */
export interface Splice {
  frame: Frame;
  at: number;
  count: number;
}

/**
 * Puts the new nodes of the included expansions in `brought` (by child index) in place of their
 * old ones in `tree` (a copy of the remembered one, sharing its frames, splices and own nodes,
 * which are updated for it). Each list on the way up is rebuilt once, deepest first, and each
 * block holding a rebuilt list becomes a new node, so that whatever was derived from them (the
 * model's routes) is derived again, and from nothing else.
 */
export function spliceAll(tree: Subtree, brought: Map<number, Subtree>): void {
  const spliceOrder = new Map<Frame, number[]>(); // each frame's splices in reading order
  tree.splices.forEach((splice, i) => {
    const list = spliceOrder.get(splice.frame);
    if (list) list.push(i);
    else spliceOrder.set(splice.frame, [i]);
  });
  const swaps = new Map<Frame, Map<ConfigNode, ConfigNode>>(); // renewed blocks, by the frame holding them
  const levels: Set<Frame>[] = [];
  const schedule = (frame: Frame) => {
    let depth = 0;
    for (let up = frame.parent; up; up = up.parent) depth++;
    (levels[depth] ??= new Set()).add(frame);
  };
  for (const i of brought.keys()) schedule(tree.splices[i].frame);
  let ownIndex: Map<ConfigNode, number> | undefined;
  for (let depth = levels.length - 1; depth >= 0; depth--) {
    for (const frame of levels[depth] ?? []) {
      frame.list = rebuilt(frame, tree, spliceOrder.get(frame) ?? [], brought, swaps.get(frame));
      const owner = frame.owner;
      if (!owner || !frame.parent) continue;
      const renewed: ConfigNode = { directive: owner.directive, file: owner.file, children: frame.list, modelMemo: undefined };
      ownIndex ??= new Map(tree.own.map((node, i) => [node!, i]));
      tree.own[ownIndex.get(owner)!] = renewed;
      frame.owner = renewed;
      let held = swaps.get(frame.parent);
      if (!held) swaps.set(frame.parent, (held = new Map()));
      held.set(owner, renewed);
      schedule(frame.parent);
    }
  }
  let top = tree.splices[brought.keys().next().value!].frame;
  while (top.parent) top = top.parent;
  tree.nodes = top.list;
}

/** A frame's list with the changed splices' new nodes and the renewed blocks in place; moves the splices' starts. */
function rebuilt(
  frame: Frame,
  tree: Subtree,
  splices: number[],
  brought: Map<number, Subtree>,
  swaps: Map<ConfigNode, ConfigNode> | undefined,
): ConfigNode[] {
  const old = frame.list;
  const list: ConfigNode[] = [];
  let cursor = 0;
  const copyTo = (end: number) => {
    for (; cursor < end; cursor++) list.push(swaps?.get(old[cursor]) ?? old[cursor]);
  };
  for (const i of splices) {
    const splice = tree.splices[i];
    copyTo(splice.at);
    splice.at = list.length;
    const fresh = brought.get(i);
    if (!fresh) {
      for (const end = cursor + splice.count; cursor < end; cursor++) list.push(old[cursor]); // another file's nodes: never renewed here
      continue;
    }
    for (const node of fresh.nodes) list.push(node);
    cursor += splice.count;
    splice.count = fresh.nodes.length;
  }
  copyTo(old.length);
  return list;
}
