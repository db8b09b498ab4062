// A node of an include expansion outlives a parse of its file when readers take its directive the
// same way in the new parse: it is moved there, so that what was derived from it (routes, models,
// findings that do not quote it) is kept, and an edit beside it costs nothing downstream.
import type { NginxDirective, NginxFile } from './ast';
import type { ConfigNode } from './nodes';
import { sameList } from '../memo';

/**
 * Bumped whenever a re-read moved a kept node (see `keepNode`): what was derived from it holds, but
 * whatever quotes its place or its words (findings) must be made again. One count per workspace,
 * shared by all its expanders (also those made afresh), so that a memo compared against it can
 * never mistake one expander's count for another's.
 */
export interface NodeMoves {
  count: number;
}

/**
 * Whether `old`, a node of a file's last expansion, still stands for `directive` with `children`:
 * the same directive, or in a new parse of the file one that readers take the same way
 * (`sameMeaning`: by default the same arguments as written). Such a node is moved to the new
 * parse; when its place or wording changed, the move is counted in `moves`.
 */
export function keepNode(
  old: ConfigNode,
  directive: NginxDirective,
  file: NginxFile,
  children: ConfigNode[] | undefined,
  moves: NodeMoves,
  sameMeaning = sameArguments,
): boolean {
  if (children ? !old.children || !sameList(children, old.children) : old.children !== undefined) return false;
  if (old.directive === directive) return true;
  if (old.file === file) return false;
  const how = compare(old.directive, old.file, directive, file, sameMeaning);
  if (!how) return false;
  old.directive = directive;
  old.file = file;
  if (how === 'moved') moves.count++;
  return true;
}

/** How two versions of a directive compare: written alike at the same place, read alike elsewhere or worded otherwise, or different. */
function compare(
  a: NginxDirective,
  aFile: NginxFile,
  b: NginxDirective,
  bFile: NginxFile,
  sameMeaning: (a: NginxDirective, b: NginxDirective) => boolean,
): 'same' | 'moved' | undefined {
  if (a.terminated !== b.terminated || a.name.raw !== b.name.raw) return undefined;
  if (a.block ? !b.block || a.block.kind !== b.block.kind || a.block.closed !== b.block.closed : b.block) return undefined;
  // A block's children are compared node by node; a raw (Lua) block has none, so its text counts.
  const aEnd = a.block && a.block.kind !== 'raw' ? a.block.start : a.end;
  const bEnd = b.block && b.block.kind !== 'raw' ? b.block.start : b.end;
  if (
    a.start === b.start &&
    a.end === b.end &&
    aEnd === bEnd &&
    sameText(aFile.text, bFile.text, a.start, aEnd) &&
    samePosition(aFile, bFile, a.start) &&
    (!b.block || samePosition(aFile, bFile, a.end))
  )
    return 'same';
  if (b.block?.kind === 'raw' && aFile.text.slice(a.block!.start, a.end) !== bFile.text.slice(b.block.start, b.end)) return undefined;
  return sameMeaning(a, b) ? 'moved' : undefined;
}

function sameText(a: string, b: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (a.charCodeAt(i) !== b.charCodeAt(i)) return false;
  return true;
}

/** The same arguments, as written. */
export function sameArguments(a: NginxDirective, b: NginxDirective): boolean {
  return a.args.length === b.args.length && a.args.every((token, i) => token.raw === b.args[i].raw);
}

function samePosition(a: NginxFile, b: NginxFile, offset: number): boolean {
  const p = a.lines.positionAt(offset);
  const q = b.lines.positionAt(offset);
  return p.line === q.line && p.character === q.character;
}
