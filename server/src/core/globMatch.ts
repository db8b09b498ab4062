// Glob matching that no pattern can make slow: each pattern is compiled to parts and matched with
// one backtrack point per segment (at most pattern x name steps), never through a backtracking
// regular expression. nginx's include globs follow glob(3); exclusion globs follow VS Code's
// files.exclude (`**`, braces, dot files matched).

/**
 * A matcher for one path segment of a glob(3) pattern, as glibc's fnmatch reads it without flags:
 * `*`, `?`, bracket expressions (`[abc]`, `[a-z]`, `[!x]` or `[^x]`, `]` first is literal, `\x`
 * escapes, `[:alpha:]` classes), a reversed range matches nothing, a `[` without its `]` is literal.
 * Matching keeps one backtrack point (the last `*`), so it costs at most pattern x name steps:
 * a pattern can never make it run long, whatever the names are.
 */
export function segmentMatcher(segment: string): (name: string) => boolean {
  const pattern = compileSegment(segment);
  const matchesHidden = segment.startsWith('.');
  return (name) => (matchesHidden || !name.startsWith('.')) && matchCompiled(pattern, name);
}

/** A test of slash-separated relative paths against an exclusion glob. */
export type PathTest = (relative: string) => boolean;

/** Brace alternatives one exclusion pattern may expand to (`{a,b}{c,d}` is four). */
export const maxBraceAlternatives = 1000;

/**
 * An exclusion glob as VS Code reads `files.exclude`: `**` spans any number of segments, `*` and
 * `?` stay within one and match dot files too (never `.` or `..`), `{a,b}` alternatives, bracket
 * expressions. Returns why when the pattern cannot be used (too many alternatives).
 */
export function compilePathGlob(pattern: string): PathTest | { error: string } {
  const alternatives = expandBraces(pattern, maxBraceAlternatives);
  if (!alternatives) return { error: `its braces expand to more than ${maxBraceAlternatives} patterns` };
  const compiled = alternatives.map((alternative) =>
    alternative.split('/').map((segment) => (segment === '**' ? globstar : compileSegment(segment))),
  );
  return (relative) => {
    const names = relative.split('/');
    // A trailing slash names a folder: `*` and `a/*` match `a/` too (minimatch's reading).
    const folder = names.length > 1 && names[names.length - 1] === '' ? names.slice(0, -1) : undefined;
    return compiled.some(
      (segments) =>
        matchSegments(segments, names) ||
        (folder !== undefined && segments[segments.length - 1] !== globstar && matchSegments(segments, folder)),
    );
  };
}

const globstar = 'globstar' as const;
type Segment = Part[] | typeof globstar;

/** The same single-backtrack walk as within a segment, with `**` for `*` and names for characters. */
function matchSegments(segments: Segment[], names: string[]): boolean {
  let s = 0;
  let n = 0;
  let starSegment = -1;
  let starName = 0;
  while (n < names.length) {
    const segment = segments[s];
    if (segment === globstar) {
      starSegment = s++;
      starName = n;
      continue;
    }
    if (segment && matchCompiled(segment, names[n]) && ((names[n] !== '.' && names[n] !== '..') || isLiteral(segment))) {
      s++;
      n++;
      continue;
    }
    if (starSegment < 0 || names[starName] === '.' || names[starName] === '..') return false;
    s = starSegment + 1;
    n = ++starName;
  }
  // A trailing `**` after other segments needs a name of its own (`a/**` matches `a/` and `a/b`, not `a`).
  while (segments[s] === globstar) {
    if (s === segments.length - 1 && s > 0) return false;
    s++;
  }
  return s === segments.length;
}

function isLiteral(parts: Part[]): boolean {
  return parts.every((part) => part.kind === 'char');
}

/** Expands `{a,b}` alternatives (nested too), or undefined past `limit` patterns. A brace without a comma is literal. */
export function expandBraces(pattern: string, limit: number): string[] | undefined {
  const open = findBrace(pattern);
  if (!open) return [pattern];
  const results: string[] = [];
  for (const option of open.options) {
    const expanded = expandBraces(pattern.slice(0, open.start) + option + pattern.slice(open.end + 1), limit - results.length);
    if (!expanded || results.length + expanded.length > limit) return undefined;
    results.push(...expanded);
  }
  return results;
}

/** The first `{...}` holding a top-level comma: its place and its options. */
function findBrace(pattern: string): { start: number; end: number; options: string[] } | undefined {
  for (let start = pattern.indexOf('{'); start !== -1; start = pattern.indexOf('{', start + 1)) {
    if (start > 0 && pattern[start - 1] === '\\') continue;
    let depth = 0;
    let optionStart = start + 1;
    const options: string[] = [];
    for (let i = start; i < pattern.length; i++) {
      const c = pattern[i];
      if (c === '\\') i++;
      else if (c === '{') depth++;
      else if (c === '}' && --depth === 0) {
        if (options.length === 0) break; // `{x}`: literal
        options.push(pattern.slice(optionStart, i));
        return { start, end: i, options };
      } else if (c === ',' && depth === 1) {
        options.push(pattern.slice(optionStart, i));
        optionStart = i + 1;
      }
    }
  }
  return undefined;
}

type Part =
  { kind: 'char'; code: number } | { kind: 'any' } | { kind: 'star' } | { kind: 'set'; negated: boolean; test: (code: number) => boolean };

function compileSegment(segment: string): Part[] {
  const parts: Part[] = [];
  for (let i = 0; i < segment.length; i++) {
    const c = segment[i];
    if (c === '*') {
      if (parts.at(-1)?.kind !== 'star') parts.push({ kind: 'star' }); // `**` is `*` within a segment
    } else if (c === '?') parts.push({ kind: 'any' });
    else if (c === '[') {
      const set = readBracket(segment, i + 1);
      if (!set) parts.push({ kind: 'char', code: 0x5b });
      else {
        parts.push(set.part);
        i = set.end;
      }
    } else if (c === '\\' && i + 1 < segment.length) parts.push({ kind: 'char', code: segment.charCodeAt(++i) });
    else parts.push({ kind: 'char', code: segment.charCodeAt(i) });
  }
  return parts;
}

const classes: Record<string, (code: number) => boolean> = {
  alpha: (c) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122),
  digit: (c) => c >= 48 && c <= 57,
  alnum: (c) => classes.alpha(c) || classes.digit(c),
  upper: (c) => c >= 65 && c <= 90,
  lower: (c) => c >= 97 && c <= 122,
  space: (c) => c === 32 || (c >= 9 && c <= 13),
  blank: (c) => c === 32 || c === 9,
  punct: (c) => (c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) || (c >= 123 && c <= 126),
  xdigit: (c) => classes.digit(c) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102),
  cntrl: (c) => c < 32 || c === 127,
  print: (c) => c >= 32 && c < 127,
  graph: (c) => c > 32 && c < 127,
};

/** A bracket expression starting after its `[`, or undefined when no `]` closes it. */
function readBracket(segment: string, start: number): { part: Part; end: number } | undefined {
  let i = start;
  const negated = segment[i] === '!' || segment[i] === '^';
  if (negated) i++;
  const singles = new Set<number>();
  const ranges: [number, number][] = [];
  const named: ((code: number) => boolean)[] = [];
  let first = true;
  while (i < segment.length) {
    if (segment[i] === ']' && !first) {
      const test = (code: number) =>
        singles.has(code) || ranges.some(([low, high]) => low <= code && code <= high) || named.some((t) => t(code));
      return { part: { kind: 'set', negated, test }, end: i };
    }
    first = false;
    if (segment.startsWith('[:', i)) {
      const close = segment.indexOf(':]', i + 2);
      const cls = close === -1 ? undefined : classes[segment.slice(i + 2, close)];
      if (cls) {
        named.push(cls);
        i = close + 2;
        continue;
      }
    }
    let low: number;
    [low, i] = bracketChar(segment, i);
    if (segment[i] === '-' && i + 1 < segment.length && segment[i + 1] !== ']') {
      let high: number;
      [high, i] = bracketChar(segment, i + 1);
      if (low <= high) ranges.push([low, high]); // a reversed range matches nothing (glibc)
    } else singles.add(low);
  }
  return undefined;
}

/** The character at `i` in a bracket expression (a backslash escapes) and the index after it. */
function bracketChar(segment: string, i: number): [number, number] {
  if (segment[i] === '\\' && i + 1 < segment.length) return [segment.charCodeAt(i + 1), i + 2];
  return [segment.charCodeAt(i), i + 1];
}

function matchCompiled(parts: Part[], name: string): boolean {
  let p = 0;
  let n = 0;
  let starPart = -1;
  let starName = 0;
  while (n < name.length) {
    const part = parts[p];
    if (part?.kind === 'star') {
      starPart = p++;
      starName = n;
      continue;
    }
    if (part && matchesOne(part, name.charCodeAt(n))) {
      p++;
      n++;
      continue;
    }
    if (starPart < 0) return false;
    // The last `*` takes one more character; earlier stars never need to move (a `*` after them can take the slack).
    p = starPart + 1;
    n = ++starName;
  }
  while (parts[p]?.kind === 'star') p++;
  return p === parts.length;
}

function matchesOne(part: Part, code: number): boolean {
  switch (part.kind) {
    case 'char':
      return part.code === code;
    case 'any':
      return true;
    case 'set':
      return part.test(code) !== part.negated;
    default:
      return false;
  }
}
