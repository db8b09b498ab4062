// Apache httpd configuration as httpd reads it (server/config.c): one directive per line, `\` at a
// line's end continuing it, `#` starting a comment only as a line's first word, sections
// `<Name args>` ... `</Name>`, arguments split on blanks with "double" or 'single' quotes. Only
// what the keep-alive analysis needs is kept: the server-level directives, the <VirtualHost>
// sections with theirs, and Include lines. <IfModule>, <IfDefine>, <IfVersion> and <IfFile> are
// read through (what they hold usually applies); <Directory>, <Location> and the like are skipped.
import type { ParseProblem, Span } from '../../types';
import type { BackendFile } from '../kind';

export interface ApacheWord {
  text: string;
  span: Span;
}

export interface ApacheDirective {
  /** As written (`KeepAliveTimeout`); httpd compares names case-insensitively. */
  name: string;
  nameSpan: Span;
  args: ApacheWord[];
  /** The whole line (continuations included). */
  span: Span;
}

export interface VirtualHost {
  /** `*:8080`, `_default_:80`, `10.0.0.1:8080`. */
  addresses: ApacheWord[];
  /** The `<VirtualHost ...>` line. */
  open: Span;
  directives: ApacheDirective[];
  /** The indentation of its first directive (or the tag's plus four spaces). */
  indent: string;
}

export interface ApacheConfig {
  /** Directives outside any <VirtualHost>, in order. */
  server: ApacheDirective[];
  virtualHosts: VirtualHost[];
  problems: ParseProblem[];
}

/** A parsed Apache httpd file. */
export type ApacheFile = BackendFile & { config: ApacheConfig };

/** Sections whose content applies where they stand (conditions are assumed to hold). */
const transparent = new Set(['ifmodule', 'ifdefine', 'ifversion', 'iffile', 'ifdirective', 'ifsection']);

export function parseApacheConfig(text: string): ApacheConfig {
  const config: ApacheConfig = { server: [], virtualHosts: [], problems: [] };
  // Each open section says whether it is skipped and which virtual host it is in, inherited: O(1) per line.
  const open: { name: string; span: Span; host?: VirtualHost; skipped: boolean }[] = [];
  for (const line of logicalLines(text)) {
    const words = wordsOf(text, line);
    if (words.length === 0 || words[0].text.startsWith('#')) continue;
    const first = words[0].text;
    const skipping = open.at(-1)?.skipped ?? false;
    if (first.startsWith('</')) {
      const name = first.slice(2).replace(/>$/, '').toLowerCase();
      const top = open.at(-1);
      if (!top || top.name !== name) {
        config.problems.push(
          problem(words[0].span, `</${first.slice(2).replace(/>$/, '')}> closes no open section: httpd refuses to start`),
        );
        continue;
      }
      open.pop();
      continue;
    }
    if (first.startsWith('<')) {
      const name = first.slice(1).replace(/>$/, '').toLowerCase();
      const args = words
        .slice(1)
        .map((w) => (w.text.endsWith('>') ? { text: w.text.slice(0, -1), span: { ...w.span, end: w.span.end - 1 } } : w));
      const section: (typeof open)[number] = {
        name,
        span: line,
        skipped: skipping || (name !== 'virtualhost' && !transparent.has(name)),
        host: open.at(-1)?.host,
      };
      if (name === 'virtualhost' && !skipping) {
        section.host = { addresses: args.filter((a) => a.text !== ''), open: line, directives: [], indent: indentAfter(text, line) };
        config.virtualHosts.push(section.host);
      }
      open.push(section);
      continue;
    }
    if (skipping) continue;
    const directive: ApacheDirective = { name: first, nameSpan: words[0].span, args: words.slice(1), span: line };
    const host = open.at(-1)?.host;
    (host ? host.directives : config.server).push(directive);
  }
  for (const section of open) config.problems.push(problem(section.span, `<${section.name}> is never closed: httpd refuses to start`));
  return config;
}

function problem(span: Span, message: string): ParseProblem {
  return { code: 'apache-config', severity: 'error', span, message };
}

/** Lines joined where one ends with `\`, as spans of the text (blank lines included). */
function logicalLines(text: string): Span[] {
  const lines: Span[] = [];
  let start = 0;
  while (start < text.length) {
    let end = start;
    for (;;) {
      const newline = text.indexOf('\n', end);
      const lineEnd = newline < 0 ? text.length : newline;
      const content = text.slice(end, lineEnd).replace(/\r$/, '');
      if (content.endsWith('\\') && newline >= 0) {
        end = newline + 1;
        continue;
      }
      end = lineEnd;
      break;
    }
    lines.push({ start, end });
    start = end + 1;
  }
  return lines;
}

/** A line's words: quotes grouped, a continuation's `\` and line break as blanks. */
function wordsOf(text: string, line: Span): ApacheWord[] {
  const words: ApacheWord[] = [];
  const pattern = /"((?:[^"\\\n]|\\.)*)"|'([^'\n]*)'|[^\s"']+/g;
  for (const m of text.slice(line.start, line.end).matchAll(pattern)) {
    if (m[0] === '\\') continue; // a continuation
    const start = line.start + m.index!;
    const quoted = m[1] ?? m[2];
    words.push(
      quoted !== undefined
        ? { text: quoted, span: { start: start + 1, end: start + 1 + quoted.length } }
        : { text: m[0], span: { start, end: start + m[0].length } },
    );
  }
  return words;
}

function indentAfter(text: string, open: Span): string {
  const next = /\n([ \t]*)\S/.exec(text.slice(open.end, open.end + 400));
  if (next) return next[1];
  const own = /^[ \t]*/.exec(text.slice(text.lastIndexOf('\n', open.start) + 1, open.end))![0];
  return `${own}    `;
}

/** The last directive named so (case-insensitive) in a list. */
export function lastNamed(directives: readonly ApacheDirective[], name: string): ApacheDirective | undefined {
  const lower = name.toLowerCase();
  for (let i = directives.length - 1; i >= 0; i--) if (directives[i].name.toLowerCase() === lower) return directives[i];
  return undefined;
}
