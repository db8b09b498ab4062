// Whether a range lies inside a text, with lines broken at LF, CRLF or a lone CR (as LineIndex and
// editors count them) and a character at most the line's length without its line break.
import type { Range } from '../../server/src/core/types';

export class LineLengths {
  private lengths: number[] | undefined;

  constructor(private readonly text: string) {}

  private get all(): number[] {
    return (this.lengths ??= lineLengthsOf(this.text));
  }

  /** Why `range` is not inside the text, or undefined when it is. */
  outside(range: Range): string | undefined {
    const { start, end } = range;
    for (const p of [start, end]) {
      if (!Number.isInteger(p.line) || !Number.isInteger(p.character) || p.line < 0 || p.character < 0)
        return `bad position line ${p.line}, character ${p.character}`;
      if (p.line >= this.all.length) return `line ${p.line} past the last line (${this.all.length - 1})`;
      if (p.character > this.all[p.line]) return `character ${p.character} past the end of line ${p.line} (length ${this.all[p.line]})`;
    }
    if (start.line > end.line || (start.line === end.line && start.character > end.character)) return 'start after end';
    return undefined;
  }
}

function lineLengthsOf(text: string): number[] {
  const lengths: number[] = [];
  let lineStart = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 10 && c !== 13) continue;
    lengths.push(i - lineStart);
    if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
    lineStart = i + 1;
  }
  lengths.push(text.length - lineStart);
  return lengths;
}
