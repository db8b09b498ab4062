// Edits to nginx files that the quick fixes share: change a token where it is written, or add
// directives inside a block on lines of their own, in the file's own line ends and indentation.
// nginx reads CR and LF alike as whitespace (ngx_conf_read_token), so the only way an insertion
// can break a config is by landing outside its block or inside another directive's token: both
// are avoided here.
import type { Analysis } from '../analysis';
import type { TextEdit } from '../types';
import type { NginxDirective, NginxFile, NginxToken } from '../nginx/ast';
import { locate } from '../locate';

/** Replaces a token (quotes included) with `text`. */
export function replaceToken(analysis: Analysis, file: NginxFile, token: NginxToken, text: string): TextEdit {
  return { ...locate(analysis, file.path, token), newText: text };
}

/**
 * Adds `lines` (whole directives, `;` included) inside `block`, after `anchor` (one of its
 * children as written in the same file) or, without one, at the top of the block. They go on new
 * lines after the last directive sharing the anchor's line; when the block closes on that line
 * (`upstream a { server x; }`) they stay on it, before the `}`.
 */
export function insertInBlock(
  analysis: Analysis,
  file: NginxFile,
  block: NginxDirective,
  lines: string[],
  anchor?: NginxDirective,
): TextEdit {
  const text = file.text;
  const body = block.block;
  if (!body) throw new Error(`${block.name.value} has no block`); // callers pass blocks only
  const children = body.children;
  let pos = anchor ? anchor.end : body.start + 1;
  // Directives written on the same line after the insertion point come before the new lines, so
  // that the new line break never falls inside one of them (a quoted value may span lines).
  for (const child of children) {
    if (child.start < pos) continue;
    if (child.start < endOfLine(text, pos)) pos = child.end;
    else break;
  }
  const closeBrace = body.closed ? body.end - 1 : body.end;
  const lineEnd = endOfLine(text, pos);
  if (closeBrace >= pos && closeBrace < lineEnd) {
    return { ...locate(analysis, file.path, { start: pos, end: pos }), newText: lines.map((l) => ` ${l}`).join('') };
  }
  const ownLine = children.find((c) => startsLine(text, c.start));
  const indent =
    anchor && startsLine(text, anchor.start)
      ? indentationOf(text, anchor.start)
      : ownLine
        ? indentationOf(text, ownLine.start)
        : indentationOf(text, block.start) + '    ';
  const eol = eolOf(text);
  return { ...locate(analysis, file.path, { start: lineEnd, end: lineEnd }), newText: lines.map((l) => `${eol}${indent}${l}`).join('') };
}

/**
 * Removes a directive: its whole line (line break included) when nothing else is written on it
 * but a comment, else only the directive and the blanks before it.
 */
export function removeDirective(analysis: Analysis, file: NginxFile, directive: NginxDirective): TextEdit {
  const text = file.text;
  const lineEnd = endOfLine(text, directive.end);
  const rest = text.slice(directive.end, lineEnd).trim();
  if (startsLine(text, directive.start) && (rest === '' || rest.startsWith('#'))) {
    let start = directive.start;
    while (start > 0 && text[start - 1] !== '\n' && text[start - 1] !== '\r') start--;
    const end = text.startsWith('\r\n', lineEnd) ? lineEnd + 2 : lineEnd < text.length ? lineEnd + 1 : lineEnd;
    return { ...locate(analysis, file.path, { start, end }), newText: '' };
  }
  let start = directive.start;
  while (start > 0 && (text[start - 1] === ' ' || text[start - 1] === '\t')) start--;
  return { ...locate(analysis, file.path, { start, end: directive.end }), newText: '' };
}

/** The line break a file uses: CRLF when it has any, else LF. */
export function eolOf(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

function startsLine(text: string, offset: number): boolean {
  let i = offset;
  while (i > 0 && (text[i - 1] === ' ' || text[i - 1] === '\t')) i--;
  return i === 0 || text[i - 1] === '\n' || text[i - 1] === '\r';
}

function indentationOf(text: string, offset: number): string {
  let lineStart = offset;
  while (lineStart > 0 && text[lineStart - 1] !== '\n' && text[lineStart - 1] !== '\r') lineStart--;
  let end = lineStart;
  while (text[end] === ' ' || text[end] === '\t') end++;
  return text.slice(lineStart, end);
}

/** The end of the line holding `offset`, so that a trailing comment stays with its directive. */
function endOfLine(text: string, offset: number): number {
  let end = offset;
  while (end < text.length && text[end] !== '\n' && text[end] !== '\r') end++;
  return end;
}

/**
 * A directive rebuilt from its tokens, or undefined when nginx would reject it as written: cut
 * short by a syntax error, an unterminated quote, or not `arity` arguments.
 */
export function wellFormed(directive: NginxDirective, arity: number): string | undefined {
  if (!directive.terminated || directive.block || directive.args.length !== arity) return undefined;
  if (directive.name.unterminated || directive.args.some((a) => a.unterminated)) return undefined;
  return `${directive.name.raw} ${directive.args.map((a) => a.raw).join(' ')};`;
}
