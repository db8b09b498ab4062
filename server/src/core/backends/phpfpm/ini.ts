// Reads php-fpm's configuration files as php-fpm does: line by line through PHP's INI scanner
// (zend_parse_ini_string, ZEND_INI_SCANNER_NORMAL, called per line by fpm_conf_load_ini_file):
// `[section]` lines, `key = value` and `key[subkey] = value` entries, `;` comments, values
// quoted or raw up to a `;`. Sections and entries keep their places for underlining and edits.
import type { ParseProblem, Span } from '../../types';
import { LineIndex } from '../../text';

export interface IniSection {
  kind: 'section';
  /** As written; php-fpm compares pool names without case (strcasecmp). */
  name: string;
  /** The whole `[name]`. */
  span: Span;
  nameSpan: Span;
}

export interface IniEntry {
  kind: 'entry';
  /** `php_admin_value` for `php_admin_value[max_execution_time]`. */
  key: string;
  /** `max_execution_time` for `php_admin_value[max_execution_time]`. */
  subkey?: string;
  value: string;
  keySpan: Span;
  /** The value without its quotes (empty at the end of `key =`). */
  valueSpan: Span;
  /** The line, without its line break. */
  lineSpan: Span;
}

export type IniItem = IniSection | IniEntry;

export interface PhpFpmFile {
  path: string;
  text: string;
  lines: LineIndex;
  items: IniItem[];
  problems: ParseProblem[];
}

/** A line php-fpm reads as something: a section, an entry, or a comment (`;`, and `#`, which old PHP took). */
const sectionLine = /^\[([^\]\r\n]*)\][ \t]*(?:;.*)?$/;
const entryLine = /^([A-Za-z0-9_.\-$]+)(?:\[([^\]\r\n]*)\])?[ \t]*=[ \t]*/;

/** Problems kept per file while reading, as the nginx reader keeps at most 1,000. */
const maxProblems = 1000;

export function parsePhpFpm(path: string, text: string): PhpFpmFile {
  const file: PhpFpmFile = { path, text, lines: new LineIndex(text), items: [], problems: [] };
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    readLine(file, start, end > start && text[end - 1] === '\r' ? end - 1 : end);
    start = end + 1;
  }
  poolOptionsInGlobal(file);
  return file;
}

/**
 * A pool option under `[global]` (`request_terminate_timeout` there) is php-fpm's "unknown entry",
 * an array one "Array are not allowed in the global section" (fpm_conf_ini_parser_entry, _array):
 * php-fpm refuses to start. There is no global request limit.
 */
function poolOptionsInGlobal(file: PhpFpmFile): void {
  let global = false;
  for (const item of file.items) {
    if (item.kind === 'section') global = item.name.toLowerCase() === 'global';
    else if (global && poolKeys.test(item.key.toLowerCase()) && file.problems.length < maxProblems)
      file.problems.push({
        code: 'invalid-value',
        severity: 'error',
        message: `${item.key} under [global]: php-fpm refuses to start ("unknown entry"). It is a pool option: set it in a pool's section, such as [www].`,
        span: item.keySpan,
      });
  }
}

function readLine(file: PhpFpmFile, lineStart: number, lineEnd: number): void {
  const raw = file.text.slice(lineStart, lineEnd);
  const indent = raw.length - raw.trimStart().length;
  const line = raw.trim();
  if (line === '' || line.startsWith(';') || line.startsWith('#')) return;
  const at = lineStart + indent;
  const section = sectionLine.exec(line);
  if (section) {
    const nameStart = at + 1 + (section[1].length - section[1].trimStart().length);
    const name = section[1].trim();
    file.items.push({
      kind: 'section',
      name,
      span: { start: at, end: at + 2 + section[1].length },
      nameSpan: { start: nameStart, end: nameStart + name.length },
    });
    return;
  }
  const entry = entryLine.exec(line);
  if (!entry) {
    if (file.problems.length >= maxProblems) return; // a 16 MB file of garbage costs its first problems, not millions
    file.problems.push({
      code: 'invalid-value',
      severity: 'error',
      message: 'php-fpm cannot read this line, so it refuses to start. It is no `[pool]` section and no `name = value` entry.',
      span: { start: at, end: at + line.length },
    });
    return;
  }
  const valueAt = entry[0].length;
  const { value, start, end } = readValue(line, valueAt);
  file.items.push({
    kind: 'entry',
    key: entry[1],
    subkey: entry[2]?.trim(),
    value,
    keySpan: { start: at, end: at + entry[1].length },
    valueSpan: { start: at + start, end: at + end },
    lineSpan: { start: at, end: at + line.length },
  });
}

/** The value from `from`: a quoted string (quotes dropped), else raw text up to a `;` comment, trimmed. */
function readValue(line: string, from: number): { value: string; start: number; end: number } {
  const quote = line[from];
  if (quote === '"' || quote === "'") {
    const close = line.indexOf(quote, from + 1);
    if (close > 0) return { value: line.slice(from + 1, close), start: from + 1, end: close };
  }
  const comment = line.indexOf(';', from);
  const raw = line.slice(from, comment < 0 ? line.length : comment);
  const value = raw.trimEnd();
  return { value, start: from, end: from + value.length };
}

/** Pool options only php-fpm has: what tells a pool file from any other `.conf`. */
const poolKeys =
  /^(?:listen|pm|pm\.[a-z_]+|request_terminate_timeout|request_slowlog_timeout|php_admin_value|php_value|php_flag|php_admin_flag|catch_workers_output|clear_env|security\.limit_extensions|slowlog|ping\.path|access\.log|process\.dumpable)$/;

/**
 * Whether a `.conf` text is php-fpm's: a `[section]` line before any line nginx would read, and
 * some `key = value` line naming a pool option (`listen =`, `pm =`). nginx's files have neither
 * (its directives end with `;` and never hold `=` after the name), so nginx never reads a pool
 * file and php-fpm never an nginx file. Reads at most the first 64 KB, line by line.
 */
export function isPoolText(text: string): boolean {
  const end = Math.min(text.length, 64 * 1024);
  let section = false;
  for (let start = 0; start < end;) {
    let lineEnd = text.indexOf('\n', start);
    if (lineEnd < 0 || lineEnd > end) lineEnd = end;
    const line = text.slice(start, lineEnd).trim();
    start = lineEnd + 1;
    if (line === '' || line.startsWith(';') || line.startsWith('#')) continue;
    if (sectionLine.test(line)) {
      section = true;
      continue;
    }
    const entry = entryLine.exec(line);
    if (!entry || !section) return false;
    if (poolKeys.test(entry[1].toLowerCase())) return true;
  }
  return false;
}
