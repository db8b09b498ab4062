// Just enough of JavaScript's and TypeScript's lexical structure to read calls and statements from
// text: comments blanked (offsets kept), strings and template literals skipped, brackets matched.
// Every scan is one linear pass.

/** Comments as spaces, offsets kept; strings and template literals stay as written. */
export function blankComments(text: string): string {
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

/** The offset after the bracket matching the one at `open` (the text's end when unbalanced). */
export function callEnd(code: string, open: number): number {
  let depth = 0;
  for (let i = open; i < code.length; i++) {
    const c = code[i];
    if (isQuote(c)) i = skipString(code, i) - 1;
    else if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  return code.length;
}

/** The argument starting at `from`: up to a comma at its own level or `limit`. */
export function firstArgument(code: string, from: number, limit: number): { start: number; end: number } {
  let depth = 0;
  for (let i = from; i < limit; i++) {
    const c = code[i];
    if (isQuote(c)) i = skipString(code, i) - 1;
    else if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') {
      if (depth === 0) return { start: from, end: i };
      depth--;
    } else if (c === ',' && depth === 0) return { start: from, end: i };
  }
  return { start: from, end: limit };
}

/**
 * The end of the statement going on at `from` (after its `;`, or at the line break that ends it):
 * calls chained on the next line (`.on(...)`) and open brackets continue it.
 */
export function statementEnd(code: string, from: number): number {
  let depth = 0;
  for (let i = from; i < code.length; i++) {
    const c = code[i];
    if (isQuote(c)) i = skipString(code, i) - 1;
    else if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') {
      if (depth === 0) return i; // the end of an enclosing call or block
      depth--;
    } else if (depth === 0 && c === ';') return i + 1;
    else if (depth === 0 && c === '\n') {
      const next = /^\s*(\S)/.exec(code.slice(i, i + 200));
      if (!next || !/[.?:+\-*/|&=,]/.test(next[1])) return i;
    }
  }
  return code.length;
}
