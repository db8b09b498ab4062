// uWSGI options as written: the `[uwsgi]` section of an ini file (`key = value`, `;` and `#`
// comments, a bare key meaning true), Sentry's `SENTRY_WEB_OPTIONS = {...}` (a literal dict:
// strings, numbers, True/False/None; anything else is not read), and `--key value` /
// `--key=value` words of the command that starts it.
import type { Span } from '../../types';
import type { BackendFile } from '../kind';

export interface UwsgiOption {
  key: string;
  /** The value as uWSGI reads it: text, `true` for a bare flag, `false`, or undefined for Python's None (not passed). */
  value: string | boolean | undefined;
  /** The value's text in the file (what a raise rewrites); absent for the command line. */
  valueSpan?: Span;
  keySpan?: Span;
}

export interface UwsgiSource {
  format: 'ini' | 'sentry';
  options: UwsgiOption[];
  /** Where a new option goes: after the `[uwsgi]` line, or after the dict's `{`. */
  insertAt?: number;
  /** The indentation of the dict's entries. */
  indent: string;
  /** SENTRY_WEB_HOST and SENTRY_WEB_PORT as written. */
  sentryHost?: string;
  sentryPort?: string;
}

/** A parsed uWSGI file. */
export type UwsgiFile = BackendFile & { source: UwsgiSource };

export function hasUwsgiSection(_file: string, text: string): boolean {
  return /^[ \t]*\[uwsgi\][ \t]*\r?$/m.test(text) || /\bSENTRY_WEB_OPTIONS\b/.test(text);
}

export function readIni(text: string): UwsgiSource {
  const source: UwsgiSource = { format: 'ini', options: [], indent: '' };
  let inSection = false;
  for (const m of text.matchAll(/^([ \t]*)([^\n]*)$/gm)) {
    const line = m[2].replace(/\r$/, '');
    const start = m.index! + m[1].length;
    if (/^\[/.test(line)) {
      inSection = /^\[uwsgi\]\s*$/.test(line);
      if (inSection) source.insertAt = start + line.length;
      continue;
    }
    if (!inSection || line === '' || line.startsWith(';') || line.startsWith('#')) continue;
    const kv = /^([\w-]+)[ \t]*(?:=(.*))?$/.exec(line);
    if (!kv) continue;
    const value = kv[2]?.trim();
    const valueStart = value !== undefined ? start + line.indexOf(value, line.indexOf('=') + 1) : undefined;
    source.options.push({
      key: kv[1],
      value: value === undefined ? true : value,
      keySpan: { start, end: start + kv[1].length },
      valueSpan: valueStart === undefined ? undefined : { start: valueStart, end: valueStart + value!.length },
    });
  }
  return source;
}

export function readSentry(text: string): UwsgiSource {
  const source: UwsgiSource = { format: 'sentry', options: [], indent: '    ' };
  const code = text.replace(/#[^\n]*/g, (c) => ' '.repeat(c.length));
  source.sentryHost = /^SENTRY_WEB_HOST\s*=\s*["']([^"'\n]*)["']/m.exec(code)?.[1];
  source.sentryPort = /^SENTRY_WEB_PORT\s*=\s*(\d+)/m.exec(code)?.[1];
  const dict = /^SENTRY_WEB_OPTIONS\s*=\s*\{/m.exec(code);
  if (!dict) return source;
  const open = dict.index + dict[0].length - 1;
  source.insertAt = open + 1;
  const close = code.indexOf('}', open);
  const body = code.slice(open + 1, close < 0 ? code.length : close);
  source.indent = /\n([ \t]+)\S/.exec(body)?.[1] ?? '    ';
  // A literal, or self-hosted Sentry's `"%s:%s" % (SENTRY_WEB_HOST, SENTRY_WEB_PORT)`.
  const entry =
    /(["'])([\w-]+)\1\s*:\s*(["']%s:%s["']\s*%\s*\(\s*SENTRY_WEB_HOST\s*,\s*SENTRY_WEB_PORT\s*\)|"[^"\n]*"|'[^'\n]*'|-?\d+|True|False|None)\s*(?=[,\n}]|$)/g;
  for (const m of body.matchAll(entry)) {
    const keyStart = open + 1 + m.index! + 1;
    const raw = m[3];
    const valueStart = open + 1 + m.index! + m[0].lastIndexOf(raw);
    const quoted = /^["']/.test(raw);
    const hostPort = raw.includes('%') ? `${source.sentryHost ?? ''}:${source.sentryPort ?? ''}` : undefined;
    source.options.push({
      key: m[2],
      value: hostPort ?? (raw === 'True' ? true : raw === 'False' ? false : raw === 'None' ? undefined : quoted ? raw.slice(1, -1) : raw),
      keySpan: { start: keyStart, end: keyStart + m[2].length },
      valueSpan: { start: valueStart, end: valueStart + raw.length },
    });
  }
  return source;
}

/** `uwsgi --http :8000 --http-keepalive=15 --ini app.ini`: the options of a uwsgi command. */
export function commandOptions(words: readonly string[]): UwsgiOption[] {
  const at = words.findIndex((w) => /(?:^|\/)uwsgi$/.test(w));
  if (at < 0) return [];
  const options: UwsgiOption[] = [];
  for (let i = at + 1; i < words.length; i++) {
    const m = /^--([\w-]+)(?:=(.*))?$/.exec(words[i]);
    if (!m) continue;
    if (m[2] !== undefined) options.push({ key: m[1], value: m[2] });
    else if (i + 1 < words.length && !words[i + 1].startsWith('-')) options.push({ key: m[1], value: words[++i] });
    else options.push({ key: m[1], value: true });
  }
  return options;
}
