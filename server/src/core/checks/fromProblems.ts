import type { Analysis } from '../analysis';
import type { Finding } from '../types';
import type { Check, CheckDocs } from './check';

/** A check whose findings are the problems the readers met, with that check's id as their code. */
export function problemCheck(id: string, description: string, docs: CheckDocs): Check {
  return {
    id,
    description,
    docs,
    run(analysis: Analysis): Finding[] {
      return analysis.problems
        .filter((p) => p.problem.code === id)
        .map((p) => ({
          code: id,
          severity: p.problem.severity,
          message: p.problem.message,
          location: { file: p.path, range: p.lines.rangeOf(p.problem.span) },
          related: [],
          fixes: [],
        }));
    },
  };
}
