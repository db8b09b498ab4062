// Bounds on what one file can report: a file of 90 KB of `;` is 92,160 syntax errors, and a
// reader that kept them all would spend seconds and gigabytes saying the same thing.
import type { ParseProblem } from './types';
import type { LineIndex } from './text';

/** A problem met while reading one file, with that file. */
export interface FileProblem {
  path: string;
  lines: LineIndex;
  problem: ParseProblem;
}

/** Problems listed per file; the rest are counted in one "and N more" problem. */
export const maxProblemsPerFile = 100;

/** Problems a reader keeps while reading (more than are listed, so that sorting can pick the first). */
const keptWhileReading = 1000;

/** A list of problems that stops keeping them past a bound and counts the rest. */
export class ProblemSink {
  readonly kept: ParseProblem[] = [];
  dropped = 0;

  push(problem: ParseProblem): void {
    if (this.kept.length < keptWhileReading) this.kept.push(problem);
    else this.dropped++;
  }
}

/**
 * The first `maxProblemsPerFile` problems of one file by position, then one problem saying how
 * many more there are (`alsoDropped`: those a reader already counted without keeping).
 */
export function capProblems(problems: ParseProblem[], alsoDropped = 0): ParseProblem[] {
  if (problems.length <= maxProblemsPerFile && alsoDropped === 0) return problems;
  const sorted = [...problems].sort((a, b) => a.span.start - b.span.start);
  const listed = sorted.slice(0, maxProblemsPerFile);
  const more = sorted.length - listed.length + alsoDropped;
  if (more === 0) return listed;
  const next = sorted[maxProblemsPerFile] ?? sorted[sorted.length - 1];
  const code = next.code;
  listed.push({
    code,
    severity: 'info',
    message: `...and ${more} more problems in this file: only the first ${maxProblemsPerFile} are listed`,
    span: { start: next.span.start, end: next.span.start },
  });
  return listed;
}
