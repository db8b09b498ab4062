// A YAML document as a small tree of maps, sequences and scalars whose every node keeps the file
// and span it was read from, so that facts merged from several compose files still say where each
// value was written. Anchors and aliases are expanded, `<<` merge keys applied (the compose
// specification's fragments), and the compose tags `!reset` and `!override` kept for the merge.
// Malformed YAML and unexpected shapes become problems with a span, never exceptions.
import { isAlias, isMap, isPair, isScalar, isSeq, parseDocument, type Document, type Node as YamlNode } from 'yaml';
import type { ParseProblem, Span } from '../types';

/** Where a node was written. */
export interface Origin {
  file: string;
  span: Span;
}

interface Base {
  at: Origin;
  /** `!reset` or `!override` (compose merge tags), else absent. */
  tag?: 'reset' | 'override';
}

export interface TreeMap extends Base {
  kind: 'map';
  /** In the order written; a key's own place is `keyAt`. */
  entries: Map<string, { keyAt: Origin; value: TreeNode }>;
}

export interface TreeSeq extends Base {
  kind: 'seq';
  items: TreeNode[];
}

export interface TreeScalar extends Base {
  kind: 'scalar';
  value: string | number | boolean | null;
}

export type TreeNode = TreeMap | TreeSeq | TreeScalar;

/** The problem code of everything the deployment readers report (no check owns it yet). */
export const deploymentProblemCode = 'deployment-file';

export function problem(span: Span, message: string, severity: ParseProblem['severity'] = 'warning'): ParseProblem {
  return { code: deploymentProblemCode, message, span, severity };
}

/** Expanding aliases beyond this many nodes stops (a "billion laughs" document). */
const maxNodes = 100_000;

export function readYamlTree(file: string, text: string): { tree?: TreeNode; problems: ParseProblem[] } {
  const problems: ParseProblem[] = [];
  let doc: Document.Parsed;
  try {
    doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  } catch (error) {
    return { problems: [problem({ start: 0, end: 0 }, `not read as YAML: ${String(error)}`, 'error')] };
  }
  // The parser may place an error at the end of input, one past the text.
  const within = (range: readonly number[]) => spanOf(range.map((offset) => Math.min(offset, text.length)));
  for (const error of doc.errors) problems.push(problem(within(error.pos), `YAML: ${error.message}`, 'error'));
  for (const warning of doc.warnings) {
    if (warning.code === 'TAG_RESOLVE_FAILED' && /!(reset|override)\b/.test(warning.message)) continue;
    problems.push(problem(within(warning.pos), `YAML: ${warning.message}`, 'info'));
  }
  if (doc.errors.length > 0) return { problems };
  let count = 0;
  const convert = (node: unknown, depth: number): TreeNode | undefined => {
    if (++count > maxNodes || depth > 200) {
      if (count === maxNodes + 1 || depth === 201)
        problems.push(problem({ start: 0, end: 0 }, 'YAML too large once its aliases are expanded: not read further', 'warning'));
      return undefined;
    }
    if (isAlias(node)) {
      const target = node.resolve(doc);
      return target ? convert(target, depth + 1) : undefined;
    }
    const yamlNode = node as YamlNode | null;
    const at: Origin = { file, span: spanOf(yamlNode?.range ?? [0, 0]) };
    const tag = yamlNode?.tag === '!reset' ? 'reset' : yamlNode?.tag === '!override' ? 'override' : undefined;
    if (isMap(node)) {
      const entries: TreeMap['entries'] = new Map();
      const explicit: [string, { keyAt: Origin; value: TreeNode }][] = [];
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const key = isScalar(pair.key) ? pair.key.value : undefined;
        const keyRange = (pair.key as YamlNode | null)?.range;
        const keyAt: Origin = { file, span: keyRange ? spanOf(keyRange) : at.span };
        if (key === '<<' && !(isScalar(pair.key) && pair.key.type !== 'PLAIN')) {
          // A merge key: the entries of the map (or maps) it names, under the explicit ones.
          const sources = isSeq(pair.value) ? pair.value.items : [pair.value];
          for (const source of sources) {
            const merged = convert(source, depth + 1);
            if (merged?.kind !== 'map') {
              problems.push(problem(keyAt.span, '`<<` must name a mapping (or a list of them)'));
              continue;
            }
            for (const [k, v] of merged.entries) if (!entries.has(k)) entries.set(k, v);
          }
          continue;
        }
        if (typeof key !== 'string' && typeof key !== 'number' && typeof key !== 'boolean') {
          problems.push(problem(keyAt.span, 'a mapping key must be a plain value'));
          continue;
        }
        const value = pair.value === null ? scalarAt(keyAt, file) : convert(pair.value, depth + 1);
        if (value) explicit.push([String(key), { keyAt, value }]);
      }
      for (const [k, v] of explicit) entries.set(k, v);
      return { kind: 'map', entries, at, tag };
    }
    if (isSeq(node)) {
      const items: TreeNode[] = [];
      for (const item of node.items) {
        const converted = item === null ? scalarAt(at, file) : convert(item, depth + 1);
        if (converted) items.push(converted);
      }
      return { kind: 'seq', items, at, tag };
    }
    if (isScalar(node)) {
      const value = node.value;
      if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
        return { kind: 'scalar', value: tag && typeof value === 'string' && value === 'null' ? null : value, at, tag };
      if (typeof value === 'bigint') return { kind: 'scalar', value: String(value), at, tag };
      return { kind: 'scalar', value: String(value), at, tag };
    }
    if (node === null || node === undefined) return { kind: 'scalar', value: null, at };
    problems.push(problem(at.span, 'an unexpected YAML value'));
    return undefined;
  };
  const tree = doc.contents === null ? undefined : convert(doc.contents, 0);
  return { tree, problems };
}

function scalarAt(near: Origin, file: string): TreeScalar {
  return { kind: 'scalar', value: null, at: { file, span: { start: near.span.end, end: near.span.end } } };
}

function spanOf(range: readonly number[]): Span {
  const start = range[0] ?? 0;
  return { start, end: Math.max(start, range[1] ?? start) };
}

/** A scalar's text as compose reads it (numbers and booleans as written in YAML's canonical form). */
export function scalarText(node: TreeNode | undefined): string | undefined {
  if (node?.kind !== 'scalar' || node.value === null) return undefined;
  return String(node.value);
}
