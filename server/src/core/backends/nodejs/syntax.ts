// Just enough of JavaScript's and TypeScript's lexical structure to read calls and statements from
// text: comments blanked (offsets kept), strings and template literals skipped, brackets matched.
// Brackets are matched once per file; every walk is bounded.

/** Comments as spaces, offsets kept; strings and template literals stay as written. */
function blankComments(text: string): string {
  return text.replace(/"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|`(?:[^`\\]|\\[\s\S])*`|\/\*[\s\S]*?(?:\*\/|$)|\/\/[^\n]*/g, (m) =>
    m.startsWith('/') ? m.replace(/[^\n]/g, ' ') : m,
  );
}

/** Where a string starting at `at` ends (after its closing quote). */
function skipString(code: string, at: number): number {
  const quote = code[at];
  for (let i = at + 1; i < code.length; i++) {
    if (code[i] === '\\') i++;
    else if (code[i] === quote) return i + 1;
    else if (code[i] === '\n' && quote !== '`') return i;
  }
  return code.length;
}

const isQuote = (c: string) => c === '"' || c === "'" || c === '`';
const isOpening = (c: string) => c === '(' || c === '[' || c === '{';
const isClosing = (c: string) => c === ')' || c === ']' || c === '}';

/** Statements and arguments longer than this are not read to their end (a bound on hostile text). */
const longest = 20_000;

/**
 * A file's code with comments blanked and its brackets matched in one pass, so that finding the
 * end of a call is a lookup and every other walk jumps over bracketed groups.
 */
export class Code {
  readonly text: string;
  /** For each opening bracket's offset, the offset after its match (the text's end when unmatched). */
  private readonly closeAfter: Int32Array;

  constructor(source: string) {
    this.text = blankComments(source);
    this.closeAfter = new Int32Array(this.text.length);
    const open: number[] = [];
    for (let i = 0; i < this.text.length; i++) {
      const c = this.text[i];
      if (isQuote(c)) i = skipString(this.text, i) - 1;
      else if (isOpening(c)) open.push(i);
      else if (isClosing(c) && open.length > 0) this.closeAfter[open.pop()!] = i + 1;
    }
    for (const unmatched of open) this.closeAfter[unmatched] = this.text.length;
  }

  /** The offset after the bracket matching the one at `open`. */
  callEnd(open: number): number {
    return this.closeAfter[open] || this.text.length;
  }

  /** The argument starting at `from`: up to a comma or a closing bracket at its own level, or `limit`. */
  firstArgument(from: number, limit: number): { start: number; end: number } {
    return { start: from, end: this.walk(from, limit, (c, i) => (isClosing(c) || c === ',' ? i : undefined)) };
  }

  /**
   * The end of the statement going on at `from` (after its `;`, or at the line break that ends it):
   * calls chained on the next line (`.on(...)`) continue it; the end of an enclosing call or block ends it.
   */
  statementEnd(from: number): number {
    return this.walk(from, this.text.length, (c, i) => {
      if (isClosing(c)) return i;
      if (c === ';') return i + 1;
      return c === '\n' && !this.continuesAfter(i) ? i : undefined;
    });
  }

  /** Walks characters at the level of `from`, strings and bracketed groups jumped over, until `stop` says where it ends. */
  private walk(from: number, limit: number, stop: (c: string, i: number) => number | undefined): number {
    const end = Math.min(limit, from + longest);
    for (let i = from; i < end; i++) {
      const c = this.text[i];
      if (isQuote(c)) i = skipString(this.text, i) - 1;
      else if (isOpening(c)) i = this.callEnd(i) - 1;
      else {
        const stopped = stop(c, i);
        if (stopped !== undefined) return stopped;
      }
    }
    return end;
  }

  /** Whether the line after a line break goes on with the statement (`.on(...)`, `|| 3000`, `? a : b`). */
  private continuesAfter(newline: number): boolean {
    const next = /\s{0,200}(\S)/y;
    next.lastIndex = newline;
    const m = next.exec(this.text);
    return m !== null && /[.?:+\-*/|&=,]/.test(m[1]);
  }
}
