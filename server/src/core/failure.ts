// A reader or builder that fails with an exception (a bug, or input past what it can hold) costs
// only the file or configuration it was reading: the failure becomes a problem on that file.
import type { ParseProblem } from './types';
import { quoteToken } from './quote';

export function failureProblem(code: string, doing: string, error: unknown): ParseProblem {
  const why =
    error instanceof RangeError
      ? 'it nests too deeply or is too large'
      : `internal error: ${quoteToken(error instanceof Error ? error.message : String(error), 120)}`;
  return {
    code,
    severity: 'error',
    message: `timeout-chain failed while ${doing} (${why}); the rest is analysed as usual.`,
    span: { start: 0, end: 0 },
  };
}
