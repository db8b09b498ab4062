import type { ParseProblem, Span } from '../types';
import type { LineIndex } from '../text';

/** One word of a directive, with its exact place in the source. */
export interface NginxToken extends Span {
  /** The text as written, quotes and escapes included. */
  raw: string;
  /** The value nginx sees: quotes removed, `\" \' \\ \t \r \n` decoded, other escapes kept as typed. */
  value: string;
  /** The quote character when the token was quoted. */
  quote?: '"' | "'";
  /** A quoted token the file ended inside of. */
  unterminated?: boolean;
}

/**
 * How a block's body was read:
 * - `directives`: ordinary nginx directives;
 * - `data`: children of map, geo, split_clients, types, charset_map, match...: entries kept as
 *   directives (name = first word) but they are data, not directives, and must not be checked as such;
 * - `raw`: opaque text such as a `*_by_lua_block` body (Lua source), kept only as `rawSpan`.
 */
export type NginxBlockKind = 'directives' | 'data' | 'raw';

export interface NginxBlock extends Span {
  /** `start` is the offset of `{`; `end` is just past the matching `}` (or the end of the file when unterminated). */
  kind: NginxBlockKind;
  children: NginxDirective[];
  /** False when the file ended before the closing brace. */
  closed: boolean;
  /** For `raw` blocks: the text between the braces. */
  rawSpan?: Span;
}

export interface NginxDirective extends Span {
  /** `start` is the name's start; `end` is just past its `;` or its block's `}`. */
  name: NginxToken;
  /** Built on first read and then kept (the parser stores arguments as ranges: most are never read). */
  args: NginxToken[];
  block?: NginxBlock;
  /** Terminated by `;` or a block; false for a directive cut short by a syntax error or the end of file. */
  terminated: boolean;
}

export interface NginxComment extends Span {
  /** Comment text without the leading `#`. */
  text: string;
}

/** The result of reading one file on its own, with no knowledge of who includes it. */
export interface NginxFile {
  path: string;
  text: string;
  lines: LineIndex;
  directives: NginxDirective[];
  comments: NginxComment[];
  /** Syntax problems, code `nginx-syntax`; the parser recovers and goes on after each one. */
  problems: ParseProblem[];
  /** Problems met but not kept (past the reader's bound): counted in the file's "and N more". */
  droppedProblems?: number;
}
