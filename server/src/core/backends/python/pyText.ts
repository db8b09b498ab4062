// Python (and simple TOML) text read without running it: module-level assignments
// (`keepalive = 5`, `bind = ["0.0.0.0:8000"]`), calls' keyword arguments (`uvicorn.run(app,
// timeout_keep_alive=5)`), and the few expressions whose value can be known: literals, lists of
// them, `os.environ.get("NAME", default)` / `os.getenv` (optionally in int() or str()), `+` of
// those and f-strings made of them. One pass over the text; nothing is executed.
import type { Span } from '../../types';

/** A value as read: known, or not (computed); the environment variable it reads, when it does. */
export interface PyValue {
  /** The value; a list for `[...]` of strings; undefined when it cannot be known here. */
  value?: string | number | string[];
  /** The whole expression. */
  span: Span;
  /** The number literal an edit may rewrite (the default of an environment lookup, or the value itself). */
  literal?: Span;
  /** The environment variable whose value it takes when set (`os.environ.get("KEEPALIVE", 5)`). */
  environment?: string;
}

export interface PyAssignment {
  name: string;
  nameSpan: Span;
  expression: Span;
}

/** Where strings and comments are, so that brackets and `#` inside them count for nothing. */
function skipString(text: string, at: number): number {
  const quote = text[at];
  const triple = text.startsWith(quote.repeat(3), at);
  const close = triple ? quote.repeat(3) : quote;
  let i = at + close.length;
  while (i < text.length) {
    if (text[i] === '\\') i += 2;
    else if (text.startsWith(close, i)) return i + close.length;
    else if (!triple && text[i] === '\n') return i;
    else i++;
  }
  return text.length;
}

/** The end of an expression starting at `from`: the end of its logical line (brackets, strings and `\` continue it). */
export function expressionEnd(text: string, from: number, stopAtComma = false): number {
  let depth = 0;
  let i = from;
  let end = from;
  while (i < text.length) {
    const c = text[i];
    if (c === '"' || c === "'") {
      i = skipString(text, i);
      end = i;
      continue;
    }
    if (c === '#') {
      const newline = text.indexOf('\n', i);
      i = newline < 0 ? text.length : newline;
      continue;
    }
    if (c === '\\' && text[i + 1] === '\n') {
      i += 2;
      continue;
    }
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') {
      if (depth === 0) return end;
      depth--;
    } else if (depth === 0 && (c === '\n' || c === ';' || (stopAtComma && c === ','))) return end;
    if (!/\s/.test(c)) end = i + 1;
    i++;
  }
  return end;
}

/** Assignments at the start of a line (the module level): `name = value`, `name: int = value`. */
export function assignments(text: string): PyAssignment[] {
  const result: PyAssignment[] = [];
  let previousEnd = 0;
  for (const m of text.matchAll(/^([A-Za-z_]\w*)[ \t]*(?::[^=\n]*)?=(?!=)[ \t]*/gm)) {
    // A line inside the previous expression (an unclosed bracket) is no assignment: each text is scanned once.
    if (m.index! < previousEnd) continue;
    const start = m.index! + m[0].length;
    const end = expressionEnd(text, start);
    previousEnd = Math.max(end, start);
    if (end <= start) continue;
    result.push({ name: m[1], nameSpan: { start: m.index!, end: m.index! + m[1].length }, expression: { start, end } });
  }
  return result;
}

/** A call's arguments: keyword ones by name, and where its closing parenthesis is. */
export interface PyCall {
  span: Span;
  keywords: Map<string, Span>;
  /** The offset of `)`; an inserted argument goes before it. */
  close: number;
  /** Where the last argument ends (an inserted one follows it); undefined when there is none. */
  lastArgumentEnd?: number;
}

/** The call whose `(` is at `open`, or undefined when it is not closed. */
export function callAt(text: string, start: number, open: number): PyCall | undefined {
  const keywords = new Map<string, Span>();
  let at = open + 1;
  let lastArgumentEnd: number | undefined;
  for (;;) {
    while (at < text.length && /\s/.test(text[at])) at++;
    if (at >= text.length) return undefined;
    if (text[at] === ')') return { span: { start, end: at + 1 }, keywords, close: at, lastArgumentEnd };
    const keyword = /^([A-Za-z_]\w*)\s*=(?!=)\s*/.exec(text.slice(at, at + 200));
    const valueStart = keyword ? at + keyword[0].length : at;
    const end = expressionEnd(text, valueStart, true);
    if (end <= valueStart) return undefined;
    if (keyword) keywords.set(keyword[1], { start: valueStart, end });
    lastArgumentEnd = end;
    at = end;
    while (at < text.length && /\s/.test(text[at])) at++;
    if (text[at] === ',') at++;
    else if (text[at] !== ')') return undefined;
  }
}

// Each part can match in one way only (no run of spaces two quantifiers could share): linear on any text.
const environmentGet =
  /^(?:(?:int|str|float)\s*\(\s*)?(?:os\.)?(?:environ\.get|getenv)\s*\(\s*(["'])([A-Za-z_]\w*)\1\s*(?:,([^()]*))?\)\s*\)?$/;
const environmentIndex = /^(?:(?:int|str|float)\s*\(\s*)?(?:os\.)?environ\s*\[\s*(["'])([A-Za-z_]\w*)\1\s*\]\s*\)?$/;

/**
 * The value of an expression, given the environment it runs in (undefined: not known). An
 * environment variable set there wins over a lookup's default; one set nowhere leaves the default.
 */
export function evaluate(text: string, span: Span, environment: (name: string) => string | undefined): PyValue {
  const source = text.slice(span.start, span.end);
  const unknown: PyValue = { span };
  const literal = literalValue(source);
  if (literal !== undefined) return { value: literal, span, literal: typeof literal === 'number' ? span : undefined };
  const list = /^[[(]\s*((?:(["'])[^"'\n]*\2\s*(?:,\s*)?)*)[\])]$/.exec(source);
  if (list) return { value: [...list[1].matchAll(/(["'])([^"'\n]*)\1/g)].map((m) => m[2]), span };
  const get = environmentGet.exec(source) ?? environmentIndex.exec(source);
  if (get) {
    const name = get[2];
    const set = environment(name);
    if (set !== undefined) return { value: /^\s*-?\d+(?:\.\d+)?\s*$/.test(set) ? Number(set) : set, span, environment: name };
    const fallback = get[3]?.trim();
    if (fallback === undefined || fallback === '') return { ...unknown, environment: name };
    const value = literalValue(fallback);
    if (value === undefined || Array.isArray(value)) return { ...unknown, environment: name };
    const at = span.start + source.lastIndexOf(fallback);
    const numeric = typeof value === 'number' || /^\s*\d+\s*$/.test(String(value));
    return {
      value: numeric ? Number(value) : value,
      span,
      environment: name,
      literal: typeof value === 'number' ? { start: at, end: at + fallback.length } : undefined,
    };
  }
  // "0.0.0.0:" + os.environ.get("PORT", "8000"), f"0.0.0.0:{os.getenv('PORT', '8000')}"
  const parts = concatenation(source, environment);
  return parts !== undefined ? { value: parts, span } : unknown;
}

/** A number, or a plain string literal (no f-, b- or r- prefix needed for our values). */
function literalValue(source: string): number | string | undefined {
  const trimmed = source.trim();
  if (/^-?\d[\d_]*(?:\.\d+)?$/.test(trimmed)) return Number(trimmed.replace(/_/g, ''));
  const string = /^(["'])([^"'\\\n{}]*)\1$/.exec(trimmed);
  return string ? string[2] : undefined;
}

function concatenation(source: string, environment: (name: string) => string | undefined): string | undefined {
  const fString = /^[fF](["'])(.*)\1$/.exec(source.trim());
  if (fString) {
    let unresolved = false;
    const value = fString[2].replace(/\{([^{}]*)\}/g, (_, inner: string) => {
      const part = evaluate(inner, { start: 0, end: inner.length }, environment).value;
      if (part === undefined || Array.isArray(part)) unresolved = true;
      return String(part);
    });
    return unresolved ? undefined : value;
  }
  if (!source.includes('+')) return undefined;
  let result = '';
  for (const piece of source.split('+')) {
    const part = evaluate(piece.trim(), { start: 0, end: piece.trim().length }, environment).value;
    if (part === undefined || Array.isArray(part)) return undefined;
    result += String(part);
  }
  return result;
}
