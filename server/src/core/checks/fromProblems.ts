import type { Check, CheckDocs, CheckId } from './check';

/**
 * A check whose findings are the problems the readers met, with that check's id as their code.
 * The readers decide each problem's severity and message (`severity.otherwise` says how).
 */
export function problemCheck(id: CheckId, description: string, severity: Check['severity'], docs: CheckDocs): Check {
  return {
    id,
    description,
    severity,
    messages: {},
    nginxDirectives: [],
    docs,
    run(context) {
      for (const problem of context.analysis.problems) if (problem.problem.code === id) context.report(context.problemFinding(problem));
    },
  };
}
