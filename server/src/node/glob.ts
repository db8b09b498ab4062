// nginx expands `include` patterns with glob(3): `*`, `?` and `[...]` within one path segment,
// hidden files only when the segment itself starts with a dot, results sorted (C locale).
import * as fs from 'node:fs';
import * as path from 'node:path';

const wildcard = /[*?[]/;

export function expandGlob(pattern: string): string[] {
  const absolute = path.resolve(pattern);
  const root = path.parse(absolute).root;
  const segments = absolute.slice(root.length).split(/[\\/]+/).filter((s) => s.length > 0);
  let current = [root];
  for (const segment of segments) {
    const next: string[] = [];
    if (!wildcard.test(segment)) {
      for (const dir of current) {
        const candidate = path.join(dir, segment);
        if (fs.existsSync(candidate)) next.push(candidate);
      }
    } else {
      const matcher = segmentMatcher(segment);
      for (const dir of current) {
        let names: string[];
        try {
          names = fs.readdirSync(dir);
        } catch {
          continue;
        }
        for (const name of names) if (matcher(name)) next.push(path.join(dir, name));
      }
    }
    current = next;
    if (current.length === 0) break;
  }
  return current.filter((file) => isFile(file)).sort(byteOrder);
}

function isFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

function byteOrder(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

/** A matcher for one path segment of a glob(3) pattern. */
export function segmentMatcher(segment: string): (name: string) => boolean {
  let source = '';
  for (let i = 0; i < segment.length; i++) {
    const c = segment[i];
    if (c === '*') source += '.*';
    else if (c === '?') source += '.';
    else if (c === '[') {
      const close = segment.indexOf(']', i + 2);
      if (close === -1) {
        source += '\\[';
        continue;
      }
      let body = segment.slice(i + 1, close);
      if (body.startsWith('!')) body = '^' + body.slice(1);
      source += `[${body.replace(/\\/g, '\\\\')}]`;
      i = close;
    } else if (c === '\\' && i + 1 < segment.length) source += escapeRegex(segment[++i]);
    else source += escapeRegex(c);
  }
  const regex = new RegExp(`^${source}$`, 's');
  const matchesHidden = segment.startsWith('.');
  return (name) => (matchesHidden || !name.startsWith('.')) && regex.test(name);
}

function escapeRegex(c: string): string {
  return c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
