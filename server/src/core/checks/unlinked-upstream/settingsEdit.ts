// Adding a `links` entry to timeout-chain.json: into its `links` list (made when absent), keeping
// the file's indentation, line ends and everything else as written; or a new file when there is
// none. A file the settings reader refuses takes no entry: the entry would not be read either.
import * as path from 'node:path';
import { findNodeAtLocation, parseTree, type Node } from 'jsonc-parser';
import type { Analysis } from '../../analysis';
import type { ExplicitLink } from '../../settings';
import { settingsFileName } from '../../settingsFile';
import type { Fix } from '../../types';

/** The edits (and the file created, when there is none) that add `link`; undefined when the file cannot take it. */
export function addLinkEdits(analysis: Analysis, link: ExplicitLink): Pick<Fix, 'createsFiles' | 'edits'> | undefined {
  const file = analysis.settingsFile;
  if (!file) {
    const created = path.join(analysis.rootDir, settingsFileName);
    const text = JSON.stringify({ links: [link] }, null, 2) + '\n';
    return { createsFiles: [created], edits: [{ file: created, range: emptyRange, newText: text }] };
  }
  if (file.invalidJson) return undefined;
  // As parseSettingsFile reads it: a byte order mark stands for a space (offsets stay).
  const json = file.text.charCodeAt(0) === 0xfeff ? ' ' + file.text.slice(1) : file.text;
  const tree = parseTree(json);
  if (tree?.type !== 'object') return undefined;
  const links = findNodeAtLocation(tree, ['links']);
  if (links && links.type !== 'array') return undefined;
  const insertion = links ? intoList(json, tree, links, link) : newList(json, tree, link);
  const span = { start: insertion.offset, end: insertion.offset + insertion.length };
  return { edits: [{ file: file.path, range: file.lines.rangeOf(span), newText: insertion.text }] };
}

const emptyRange = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

interface Insertion {
  offset: number;
  length: number;
  text: string;
}

/**
 * Only the new text is written: nothing already in the file is reformatted (jsonc-parser's
 * `modify` reformats the neighbours of what it inserts).
 */
function intoList(json: string, tree: Node, links: Node, link: ExplicitLink): Insertion {
  const style = styleOf(json, tree);
  const items = links.children ?? [];
  const last = items[items.length - 1];
  if (last) {
    const indent = lineIndent(json, last.offset) ?? style.property + style.unit;
    return { offset: last.offset + last.length, length: 0, text: `,${style.eol}${indent}${entryText(link, indent, style)}` };
  }
  const closing = lineIndent(json, links.parent?.offset ?? links.offset) ?? style.property;
  const indent = closing + style.unit;
  return {
    offset: links.offset,
    length: links.length,
    text: `[${style.eol}${indent}${entryText(link, indent, style)}${style.eol}${closing}]`,
  };
}

function newList(json: string, tree: Node, link: ExplicitLink): Insertion {
  const style = styleOf(json, tree);
  const list = (indent: string) =>
    `"links": [${style.eol}${indent}${style.unit}${entryText(link, indent + style.unit, style)}${style.eol}${indent}]`;
  const properties = tree.children ?? [];
  const last = properties[properties.length - 1];
  if (last) return { offset: last.offset + last.length, length: 0, text: `,${style.eol}${style.property}${list(style.property)}` };
  return { offset: tree.offset, length: tree.length, text: `{${style.eol}${style.unit}${list(style.unit)}${style.eol}}` };
}

interface Style {
  eol: string;
  /** One level of indentation. */
  unit: string;
  /** The indentation of the top-level properties. */
  property: string;
}

/** The line ends and indentation the file is written with (\n and two spaces when it shows none). */
function styleOf(json: string, tree: Node): Style {
  const eol = json.includes('\r\n') ? '\r\n' : '\n';
  const first = /^([ \t]+)\S/m.exec(json)?.[1];
  const unit = first?.startsWith('\t') ? '\t' : (first ?? '  ');
  const property = (tree.children?.[0] && lineIndent(json, tree.children[0].offset)) ?? unit;
  return { eol, unit, property };
}

/** The whitespace before `offset` on its line, when nothing else comes before it there. */
function lineIndent(json: string, offset: number): string | undefined {
  const lineStart = Math.max(json.lastIndexOf('\n', offset - 1) + 1, 0);
  const before = json.slice(lineStart, offset);
  return /^[ \t]*$/.test(before) ? before : undefined;
}

/** The entry as pretty JSON whose inner lines sit under `indent`. */
function entryText(link: ExplicitLink, indent: string, style: Style): string {
  return JSON.stringify(link, null, style.unit)
    .split('\n')
    .join(style.eol + indent);
}
