import type { Position, Range, Span } from './types';

/**
 * Maps offsets to LSP positions for one text. Line starts are computed on first use (many files
 * are parsed and never shown) and then once per text version, so converting many spans of the
 * same file costs a binary search each.
 * Line breaks are LF, CRLF or a lone CR, as editors count them.
 */
export class LineIndex {
  private starts: number[] | undefined;

  constructor(readonly text: string) {}

  private get lineStarts(): number[] {
    return (this.starts ??= lineStartsOf(this.text));
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  positionAt(offset: number): Position {
    let clamped = Math.max(0, Math.min(offset, this.text.length));
    // Between the CR and the LF of a CRLF there is no position: it is the end of the line.
    if (this.text.charCodeAt(clamped) === 10 && this.text.charCodeAt(clamped - 1) === 13) clamped--;
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.lineStarts[mid] <= clamped) low = mid;
      else high = mid - 1;
    }
    return { line: low, character: clamped - this.lineStarts[low] };
  }

  offsetAt(position: Position): number {
    if (position.line >= this.lineStarts.length) return this.text.length;
    if (position.line < 0) return 0;
    const lineStart = this.lineStarts[position.line];
    const nextLineStart = position.line + 1 < this.lineStarts.length ? this.lineStarts[position.line + 1] : this.text.length;
    // A character past the line's end means its end (LSP), never a place inside its line break.
    let lineEnd = nextLineStart;
    if (position.line + 1 < this.lineStarts.length) {
      if (this.text.charCodeAt(lineEnd - 1) === 10) lineEnd--;
      if (this.text.charCodeAt(lineEnd - 1) === 13) lineEnd--;
    }
    return Math.min(lineStart + Math.max(0, position.character), lineEnd);
  }

  rangeOf(span: Span): Range {
    return { start: this.positionAt(span.start), end: this.positionAt(span.end) };
  }

  /** Offset of the first character of the line holding `offset`. */
  lineStartOf(offset: number): number {
    return this.offsetAt({ line: this.positionAt(offset).line, character: 0 });
  }
}

function lineStartsOf(text: string): number[] {
  const starts = [0];
  if (text.indexOf('\r') < 0) {
    // The usual LF-only text: indexOf scans far faster than a loop over every character.
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    return starts;
  }
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13 /* \r */) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    } else if (c === 10 /* \n */) {
      starts.push(i + 1);
    }
  }
  return starts;
}
