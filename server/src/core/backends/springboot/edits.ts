// Setting a Spring Boot property the way a person would, in the file's own syntax: the value
// changed where it is written; else the key added beside a sibling of its group
// (`server.tomcat.connection-timeout` -> `keep-alive-timeout` under it), or into the deepest
// existing map of its path in YAML (`server:` -> `tomcat.keep-alive-timeout: 90s`), or at the end
// of a properties document.
import type { TextEdit } from '../../types';
import { editAt, type Locator } from '../endpoint';
import { canonicalName, type ConfigDocument, type ConfigEntry, type SpringConfigFile } from './config';

/** Where the property goes: the file and document, and the entry set there now (when there is one). */
export interface PropertyTarget {
  file: SpringConfigFile;
  document: ConfigDocument;
  /** The entry to change (the property itself) or to add beside (a sibling that decides now). */
  entry?: ConfigEntry;
}

/** `90s`, or `90000` where the value replaced was a plain number (milliseconds). */
export function formatSpringDuration(ms: number, plain: boolean): string {
  if (plain) return String(ms);
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`;
}

export function setPropertyEdits(target: PropertyTarget, property: string, ms: number, locate: Locator): TextEdit[] | undefined {
  const { file, document, entry } = target;
  const text = file.text;
  if (entry && canonicalName(entry.key) === canonicalName(property)) {
    const plain = /^\s*["']?[+-]?\d+["']?\s*$/.test(text.slice(entry.valueSpan.start, entry.valueSpan.end));
    return editAt(locate(file.path, entry.valueSpan), formatSpringDuration(ms, plain));
  }
  const value = formatSpringDuration(ms, false);
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const lastElement = property.slice(property.lastIndexOf('.') + 1);
  if (entry && parentOf(canonicalName(entry.key)) === parentOf(canonicalName(property))) {
    // A sibling: the same prefix as written, on the next line, with the same indentation.
    const key = entry.localKey.includes('.') ? `${entry.localKey.slice(0, entry.localKey.lastIndexOf('.'))}.${lastElement}` : lastElement;
    const at = nextLineStart(text, entry.valueSpan.end);
    const line = file.format === 'yaml' ? `${' '.repeat(entry.keyColumn ?? 0)}${key}: ${value}` : `${key}=${value}`;
    return insert(file, at, line, eol, locate);
  }
  if (file.format === 'properties') return insert(file, document.end, `${property}=${value}`, eol, locate);
  // YAML: under the deepest map of the property's path the document has.
  const elements = property.split('.');
  for (let depth = elements.length - 1; depth >= 0; depth--) {
    const place = document.maps?.get(canonicalName(elements.slice(0, depth).join('.')));
    if (!place) continue;
    return insert(file, place.end, `${' '.repeat(place.column)}${elements.slice(depth).join('.')}: ${value}`, eol, locate);
  }
  return undefined; // a document with no block map at its root (a list, a scalar): nowhere to say it
}

const parentOf = (canonical: string) => canonical.slice(0, canonical.lastIndexOf('.'));

/** A whole line inserted at `at` (a line start, or the end of a text without a final line break). */
function insert(file: SpringConfigFile, at: number, line: string, eol: string, locate: Locator): TextEdit[] | undefined {
  const afterText = at > 0 && file.text[at - 1] !== '\n';
  return editAt(locate(file.path, { start: at, end: at }), afterText ? `${eol}${line}` : `${line}${eol}`);
}

function nextLineStart(text: string, offset: number): number {
  const newline = text.indexOf('\n', offset);
  return newline < 0 ? text.length : newline + 1;
}
