// nginx's tokenizer (ngx_conf_read_token in src/core/ngx_conf_file.c), keeping exact offsets.
// Words split on space, tab, CR and LF; `;` and `{` end a bare word, `}` does not; `#` starts a
// comment only where a word could start; quotes are special only at a word's start, and after the
// closing quote nginx demands whitespace, `;`, `{` or `)`; `{` right after `$` stays in the word.
import type { NginxComment, NginxToken } from './ast';
import type { ParseProblem } from '../types';

export type Lexeme =
  | { kind: 'word'; token: NginxToken }
  | { kind: ';' | '{' | '}'; offset: number }
  | { kind: 'eof'; offset: number };

const SPACE = 32, TAB = 9, CR = 13, LF = 10, SEMI = 59, LBRACE = 123, RBRACE = 125, HASH = 35, BACKSLASH = 92, DQUOTE = 34, SQUOTE = 39, DOLLAR = 36, LPAREN = 40, RPAREN = 41, LBRACKET = 91, RBRACKET = 93;

/** `{3}`, `{2,}`, `{2,5}`: a regular expression's repetition, not a block. */
const quantifier = /\{\d+(,\d*)?\}/y;

function isSpace(c: number): boolean {
  return c === SPACE || c === TAB || c === CR || c === LF;
}

export class Tokenizer {
  pos = 0;
  readonly comments: NginxComment[] = [];

  constructor(
    readonly text: string,
    private readonly problems: ParseProblem[],
  ) {}

  next(): Lexeme {
    const text = this.text;
    const length = text.length;
    // Skip blanks and comments: a `#` where a word could start comments out the rest of the line.
    for (;;) {
      while (this.pos < length && isSpace(text.charCodeAt(this.pos))) this.pos++;
      if (this.pos < length && text.charCodeAt(this.pos) === HASH) {
        const start = this.pos;
        while (this.pos < length && text.charCodeAt(this.pos) !== LF && text.charCodeAt(this.pos) !== CR) this.pos++;
        this.comments.push({ start, end: this.pos, text: text.slice(start + 1, this.pos) });
        continue;
      }
      break;
    }
    if (this.pos >= length) return { kind: 'eof', offset: length };
    const c = text.charCodeAt(this.pos);
    if (c === SEMI || c === LBRACE || c === RBRACE) {
      this.pos++;
      return { kind: c === SEMI ? ';' : c === LBRACE ? '{' : '}', offset: this.pos - 1 };
    }
    return c === DQUOTE || c === SQUOTE ? this.quoted(c) : this.bare();
  }

  private bare(): Lexeme {
    const text = this.text;
    const length = text.length;
    const start = this.pos;
    let variable = false;
    let escapes = false;
    let parens = 0;
    let brackets = 0;
    while (this.pos < length) {
      const c = text.charCodeAt(this.pos);
      if (c === BACKSLASH) {
        escapes = true;
        variable = false;
        this.pos += 2;
        continue;
      }
      if (c === LBRACE && variable) {
        this.pos++;
        continue;
      }
      if (c === LBRACE && this.pos > start && this.regexBrace(parens, brackets)) continue;
      variable = c === DOLLAR;
      if (isSpace(c) || c === SEMI || c === LBRACE) break;
      if (c === LPAREN) parens++;
      else if (c === RPAREN) parens--;
      else if (c === LBRACKET) brackets++;
      else if (c === RBRACKET) brackets--;
      this.pos++;
    }
    if (this.pos > length) this.pos = length; // a trailing backslash
    const raw = text.slice(start, this.pos);
    return { kind: 'word', token: { start, end: this.pos, raw, value: escapes ? unescape(raw) : raw } };
  }

  /**
   * A `{` glued to a word inside an open group or bracket, or starting a `{n,m}` repetition, is
   * a regular expression's. nginx still ends the word there and opens a block (and then fails on
   * the cut expression); say so once and read the brace as part of the word, so that the rest of
   * the file is not misread as the block's body.
   */
  private regexBrace(parens: number, brackets: number): boolean {
    quantifier.lastIndex = this.pos;
    const repetition = quantifier.exec(this.text);
    if (parens <= 0 && brackets <= 0 && !repetition) return false;
    this.problems.push({ code: 'nginx-syntax', severity: 'error', message: 'a "{" inside an unquoted regular expression: nginx ends the word here and opens a block; put the expression in quotes', span: { start: this.pos, end: this.pos + 1 } });
    this.pos += repetition ? repetition[0].length : 1;
    return true;
  }

  private quoted(quote: number): Lexeme {
    const text = this.text;
    const length = text.length;
    const start = this.pos;
    this.pos++;
    let escapes = false;
    while (this.pos < length) {
      const c = text.charCodeAt(this.pos);
      if (c === BACKSLASH) {
        escapes = true;
        this.pos += 2;
        continue;
      }
      if (c === quote) break;
      this.pos++;
    }
    if (this.pos >= length) {
      // nginx reads on to the end of the file looking for the closing quote.
      this.pos = length;
      const raw = text.slice(start, length);
      return { kind: 'word', token: { start, end: length, raw, value: unescape(raw.slice(1)), quote: quote === DQUOTE ? '"' : "'", unterminated: true } };
    }
    this.pos++; // the closing quote
    const raw = text.slice(start, this.pos);
    const inner = raw.slice(1, -1);
    const token: NginxToken = { start, end: this.pos, raw, value: escapes ? unescape(inner) : inner, quote: quote === DQUOTE ? '"' : "'" };
    if (this.pos < length) {
      const after = text.charCodeAt(this.pos);
      if (!isSpace(after) && after !== SEMI && after !== LBRACE && after !== RPAREN) {
        this.problems.push({ code: 'nginx-syntax', severity: 'error', message: `unexpected "${text[this.pos]}" after a quoted string: nginx needs a space, ";" or "{" there`, span: { start: this.pos, end: this.pos + 1 } });
      }
    }
    return { kind: 'word', token };
  }
}

/** nginx decodes \" \' \\ \t \r \n and keeps any other backslash as typed. */
export function unescape(raw: string): string {
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (c !== '\\' || i + 1 >= raw.length) {
      out += c;
      continue;
    }
    const n = raw[i + 1];
    if (n === '"' || n === "'" || n === '\\') {
      out += n;
      i++;
    } else if (n === 't' || n === 'r' || n === 'n') {
      out += n === 't' ? '\t' : n === 'r' ? '\r' : '\n';
      i++;
    } else out += c;
  }
  return out;
}
