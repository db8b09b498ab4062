// nginx's tokenizer (ngx_conf_read_token in src/core/ngx_conf_file.c), keeping exact offsets.
// Words split on space, tab, CR and LF; `;` and `{` end a bare word, `}` does not; `#` starts a
// comment only where a word could start; quotes are special only at a word's start, and after the
// closing quote nginx demands whitespace, `;`, `{` or `)`; `{` right after `$` stays in the word.
// Hot path: no object per word; the parser asks for a token only for directive names (arguments
// stay ranges until read, lazyArgs.ts), and equal names share one string.
import type { NginxComment, NginxToken } from './ast';
import type { ParseProblem } from '../types';

/** What `Tokenizer.next()` read; a word is left in `wordStart`/`wordEnd`/`wordFlags`, punctuation and the end at `offset`. */
export const WORD = 0,
  SEMICOLON = 1,
  OPEN_BRACE = 2,
  CLOSE_BRACE = 3,
  EOF = 4;
export type LexemeKind = typeof WORD | typeof SEMICOLON | typeof OPEN_BRACE | typeof CLOSE_BRACE | typeof EOF;

const SPACE = 32,
  TAB = 9,
  CR = 13,
  LF = 10,
  SEMI = 59,
  LBRACE = 123,
  RBRACE = 125,
  HASH = 35,
  BACKSLASH = 92,
  DQUOTE = 34,
  SQUOTE = 39,
  DOLLAR = 36,
  LPAREN = 40,
  RPAREN = 41,
  LBRACKET = 91,
  RBRACKET = 93;

/** ASCII characters that need a decision inside a bare word; everything else (and all non-ASCII) just extends it. */
const specialInWord = new Uint8Array(128);
for (const c of [SPACE, TAB, CR, LF, SEMI, LBRACE, BACKSLASH, DOLLAR, LPAREN, RPAREN, LBRACKET, RBRACKET]) specialInWord[c] = 1;

/** `{3}`, `{2,}`, `{2,5}`: a regular expression's repetition, not a block. */
const quantifier = /\{\d+(,\d*)?\}/y;

function isSpace(c: number): boolean {
  return c === SPACE || c === TAB || c === CR || c === LF;
}

export class Tokenizer {
  pos = 0;
  /** The word `next()` last returned WORD for: its range and WordFlags; `token()` builds it. */
  wordStart = 0;
  wordEnd = 0;
  wordFlags = 0;
  /** Where `next()` found the punctuation or the end it returned. */
  offset = 0;
  readonly comments: NginxComment[] = [];
  private readonly words: WordCache;
  /** The next CR at or after `lineEnd`'s last `from`, or the text's length when there is none. */
  private nextCR = -1;

  constructor(
    readonly text: string,
    private readonly problems: { push(problem: ParseProblem): void },
  ) {
    this.words = new WordCache(text);
  }

  next(): LexemeKind {
    const text = this.text;
    const length = text.length;
    let pos = this.pos;
    // Skip blanks and comments: a `#` where a word could start comments out the rest of the line.
    for (;;) {
      let c = 0;
      while (pos < length && isSpace((c = text.charCodeAt(pos)))) pos++;
      if (pos < length && c === HASH) {
        const start = pos;
        pos = this.lineEnd(pos);
        this.comments.push({ start, end: pos, text: text.slice(start + 1, pos) });
        continue;
      }
      break;
    }
    this.pos = pos;
    if (pos >= length) {
      this.offset = length;
      return EOF;
    }
    const c = text.charCodeAt(pos);
    if (c === SEMI || c === LBRACE || c === RBRACE) {
      this.pos = pos + 1;
      this.offset = pos;
      return c === SEMI ? SEMICOLON : c === LBRACE ? OPEN_BRACE : CLOSE_BRACE;
    }
    if (c === DQUOTE || c === SQUOTE) this.quoted(c);
    else this.bare();
    return WORD;
  }

  /** Offset of the LF or CR ending the line holding `from` (comments are a quarter of real configs: indexOf, not a loop). */
  private lineEnd(from: number): number {
    const text = this.text;
    if (this.nextCR < from) {
      const cr = text.indexOf('\r', from);
      this.nextCR = cr < 0 ? text.length : cr;
    }
    const lf = text.indexOf('\n', from);
    return lf >= 0 && lf < this.nextCR ? lf : this.nextCR;
  }

  /** The last word as a token, its value shared with earlier equal words. */
  token(): NginxToken {
    return makeToken(this.text, this.wordStart, this.wordEnd, this.wordFlags, this.words);
  }

  private bare(): void {
    const text = this.text;
    const length = text.length;
    const start = this.pos;
    let pos = start;
    let variable = false;
    let escapes = false;
    let parens = 0;
    let brackets = 0;
    while (pos < length) {
      let c = text.charCodeAt(pos);
      if (c >= 128 || specialInWord[c] === 0) {
        // A run of ordinary characters, the bulk of every word.
        do pos++;
        while (pos < length && ((c = text.charCodeAt(pos)) >= 128 || specialInWord[c] === 0));
        variable = false;
        if (pos >= length) break;
      }
      if (c === BACKSLASH) {
        escapes = true;
        variable = false;
        pos += 2;
        continue;
      }
      if (c === LBRACE && variable) {
        pos++;
        continue;
      }
      if (c === LBRACE && pos > start) {
        const skip = this.regexBrace(pos, parens, brackets);
        if (skip > 0) {
          pos += skip;
          continue;
        }
      }
      variable = c === DOLLAR;
      if (c === SPACE || c === TAB || c === CR || c === LF || c === SEMI || c === LBRACE) break;
      if (c === LPAREN) parens++;
      else if (c === RPAREN) parens--;
      else if (c === LBRACKET) brackets++;
      else if (c === RBRACKET) brackets--;
      pos++;
    }
    if (pos > length) pos = length; // a trailing backslash
    this.pos = pos;
    this.wordStart = start;
    this.wordEnd = pos;
    this.wordFlags = escapes ? ESCAPES : 0;
  }

  /**
   * A `{` glued to a word inside an open group or bracket, or starting a `{n,m}` repetition, is
   * a regular expression's. nginx still ends the word there and opens a block (and then fails on
   * the cut expression); say so once and read the brace as part of the word, so that the rest of
   * the file is not misread as the block's body. Returns how many characters to take into the word, 0 for none.
   */
  private regexBrace(at: number, parens: number, brackets: number): number {
    quantifier.lastIndex = at;
    const repetition = quantifier.exec(this.text);
    if (parens <= 0 && brackets <= 0 && !repetition) return 0;
    this.problems.push({
      code: 'nginx-syntax',
      severity: 'error',
      message: 'a "{" in an unquoted regular expression ends the word and opens a block. Put the expression in quotes.',
      span: { start: at, end: at + 1 },
    });
    return repetition ? repetition[0].length : 1;
  }

  private quoted(quote: number): void {
    const text = this.text;
    const length = text.length;
    const start = this.pos;
    let pos = start + 1;
    let flags = quote === DQUOTE ? DOUBLE_QUOTED : SINGLE_QUOTED;
    while (pos < length) {
      const c = text.charCodeAt(pos);
      if (c === BACKSLASH) {
        flags |= ESCAPES;
        pos += 2;
        continue;
      }
      if (c === quote) break;
      pos++;
    }
    this.wordStart = start;
    if (pos >= length) {
      // nginx reads on to the end of the file looking for the closing quote.
      this.pos = this.wordEnd = length;
      this.wordFlags = flags | UNTERMINATED;
      return;
    }
    this.pos = this.wordEnd = ++pos; // past the closing quote
    this.wordFlags = flags;
    if (pos < length) {
      const after = text.charCodeAt(pos);
      if (!isSpace(after) && after !== SEMI && after !== LBRACE && after !== RPAREN) {
        this.problems.push({
          code: 'nginx-syntax',
          severity: 'error',
          message: `unexpected "${text[pos]}" after a quoted string: nginx needs a space, ";" or "{" there`,
          span: { start: pos, end: pos + 1 },
        });
      }
    }
  }
}

/** How a word was written, kept with its range so that its token can be built later. */
export const DOUBLE_QUOTED = 1,
  SINGLE_QUOTED = 2,
  ESCAPES = 4,
  UNTERMINATED = 8;

/** The token of the word at start..end written as `flags` say; `words` shares equal values. */
export function makeToken(text: string, start: number, end: number, flags: number, words?: WordCache): NginxToken {
  if ((flags & (DOUBLE_QUOTED | SINGLE_QUOTED)) === 0) {
    const raw = flags & ESCAPES ? text.slice(start, end) : words ? words.get(start, end) : text.slice(start, end);
    return { start, end, raw, value: flags & ESCAPES ? unescape(raw) : raw };
  }
  const quote = flags & DOUBLE_QUOTED ? '"' : "'";
  const raw = text.slice(start, end);
  if (flags & UNTERMINATED) return { start, end, raw, value: unescape(text.slice(start + 1, end)), quote, unterminated: true };
  const value =
    flags & ESCAPES ? unescape(text.slice(start + 1, end - 1)) : words ? words.get(start + 1, end - 1) : text.slice(start + 1, end - 1);
  return { start, end, raw, value, quote };
}

/**
 * Words repeat (directive names, `on`, `$host`, header names): one string per distinct word, found
 * by comparing in place instead of slicing a new one, so that the AST holds far fewer strings.
 * Direct-mapped on a few sampled characters; a collision only costs a slice.
 */
export class WordCache {
  private static readonly longestWord = 48;
  private readonly slots: (string | undefined)[];
  private readonly mask: number;

  constructor(private readonly text: string) {
    // Sized to the text: small files must not pay for a large table.
    let size = 16;
    while (size < 4096 && size * 16 < text.length) size *= 2;
    this.slots = new Array<string | undefined>(size).fill(undefined);
    this.mask = size - 1;
  }

  get(start: number, end: number): string {
    const text = this.text;
    const length = end - start;
    if (length > WordCache.longestWord || length === 0) return text.slice(start, end);
    const slot =
      (length * 31 +
        text.charCodeAt(start) * 7 +
        text.charCodeAt(end - 1) * 131 +
        text.charCodeAt(end - 1 - (length >> 2)) * 17 +
        text.charCodeAt(start + (length >> 1))) &
      this.mask;
    const cached = this.slots[slot];
    if (cached !== undefined && cached.length === length && sameChars(cached, text, start)) return cached;
    const word = text.slice(start, end);
    this.slots[slot] = word;
    return word;
  }
}

/** Whether `text` holds `word` at `at`; for short words a loop beats a call to startsWith. */
function sameChars(word: string, text: string, at: number): boolean {
  for (let i = 0; i < word.length; i++) if (word.charCodeAt(i) !== text.charCodeAt(at + i)) return false;
  return true;
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
