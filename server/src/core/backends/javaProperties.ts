// java.util.Properties text format, as Tomcat reads conf/catalina.properties and Spring Boot its
// application.properties: `key=value`, `key: value` or `key value`; `#` and `!` comment lines; a
// line ending in an odd number of backslashes continues on the next; escapes \t \n \r \f \uXXXX,
// and \x means x.
import type { Span } from '../types';
import { LineIndex } from '../text';

export interface PropertyEntry {
  key: string;
  value: string;
  keySpan: Span;
  /** The raw value text in the file (for edits), which may run over continuation lines. */
  valueSpan: Span;
}

export interface PropertiesFile {
  path: string;
  text: string;
  lines: LineIndex;
  /** By key; a key set twice keeps its last value, as java.util.Properties does. */
  entries: Map<string, PropertyEntry>;
}

export function parseProperties(path: string, text: string): PropertiesFile {
  const entries = new Map<string, PropertyEntry>();
  let i = 0;
  while (i < text.length) {
    while (i < text.length && (text[i] === ' ' || text[i] === '\t' || text[i] === '\f')) i++;
    if (text[i] === '\n' || text[i] === '\r') {
      i++;
      continue;
    }
    if (text[i] === '#' || text[i] === '!') {
      while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
      continue;
    }
    if (i >= text.length) break;
    const keyStart = i;
    while (i < text.length && !isSeparator(text[i]) && !isEol(text[i])) i += text[i] === '\\' ? 2 : 1;
    const keyEnd = Math.min(i, text.length);
    while (text[i] === ' ' || text[i] === '\t' || text[i] === '\f') i++;
    if (text[i] === '=' || text[i] === ':') i++;
    while (text[i] === ' ' || text[i] === '\t' || text[i] === '\f') i++;
    const valueStart = i;
    let valueEnd: number;
    for (;;) {
      while (i < text.length && !isEol(text[i])) i++;
      valueEnd = i;
      if (!endsWithOddBackslashes(text, keyStart, i)) break;
      // Continuation: skip the line break and the next line's leading blanks.
      if (text[i] === '\r' && text[i + 1] === '\n') i += 2;
      else i++;
      while (text[i] === ' ' || text[i] === '\t' || text[i] === '\f') i++;
      if (i >= text.length) {
        valueEnd = i;
        break;
      }
    }
    const key = decode(text.slice(keyStart, keyEnd));
    entries.set(key, {
      key,
      value: decode(joinContinuations(text.slice(valueStart, valueEnd))),
      keySpan: { start: keyStart, end: keyEnd },
      valueSpan: { start: valueStart, end: valueEnd },
    });
  }
  return { path, text, lines: new LineIndex(text), entries };
}

function isSeparator(c: string): boolean {
  return c === '=' || c === ':' || c === ' ' || c === '\t' || c === '\f';
}

function isEol(c: string): boolean {
  return c === '\n' || c === '\r';
}

function endsWithOddBackslashes(text: string, from: number, end: number): boolean {
  let count = 0;
  for (let j = end - 1; j >= from && text[j] === '\\'; j--) count++;
  return count % 2 === 1;
}

function joinContinuations(raw: string): string {
  return raw.replace(/\\(\r\n|\r|\n)[ \t\f]*/g, '');
}

function decode(raw: string): string {
  return raw.replace(/\\(u[0-9a-fA-F]{4}|.)/g, (_, e: string) => {
    if (e.length === 5) return String.fromCharCode(parseInt(e.slice(1), 16));
    return e === 't' ? '\t' : e === 'n' ? '\n' : e === 'r' ? '\r' : e === 'f' ? '\f' : e;
  });
}
