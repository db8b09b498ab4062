import type { Analysis } from '../analysis';
import type { Finding, ParseProblem } from '../types';
import type { Check, CheckDocs } from './check';

/** A check whose findings are the problems the readers met, with that check's id as their code. */
const findings = new WeakMap<ParseProblem, Finding>();

export function problemCheck(id: string, description: string, docs: CheckDocs): Check {
  return {
    id,
    description,
    docs,
    run(analysis: Analysis): Finding[] {
      // A problem object lives as long as the parse (or expansion) that found it: so does its finding.
      return analysis.problems
        .filter((p) => p.problem.code === id)
        .map((p) => {
          let finding = findings.get(p.problem);
          if (!finding || finding.location.file !== p.path) {
            finding = { code: id, severity: p.problem.severity, message: p.problem.message, location: { file: p.path, range: p.lines.rangeOf(p.problem.span) }, related: [], fixes: [] };
            findings.set(p.problem, finding);
          }
          return finding;
        });
    },
  };
}
