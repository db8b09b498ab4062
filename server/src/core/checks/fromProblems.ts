import type { Analysis } from '../analysis';
import type { Finding, ParseProblem } from '../types';
import type { LineIndex } from '../text';
import type { Check, CheckDocs } from './check';

const findings = new WeakMap<ParseProblem, Finding>();

/**
 * The finding of a problem a reader met. A problem object lives as long as the parse (or
 * expansion) that found it: so does its finding, and an unchanged file shows the same objects.
 */
export function problemFinding(problem: ParseProblem, file: string, lines: LineIndex): Finding {
  let finding = findings.get(problem);
  if (!finding || finding.location.file !== file) {
    finding = {
      code: problem.code,
      severity: problem.severity,
      message: problem.message,
      location: { file, range: lines.rangeOf(problem.span) },
      related: [],
      fixes: [],
    };
    findings.set(problem, finding);
  }
  return finding;
}

/** A check whose findings are the problems the readers met, with that check's id as their code. */
export function problemCheck(id: string, description: string, docs: CheckDocs): Check {
  return {
    id,
    description,
    docs,
    run(analysis: Analysis): Finding[] {
      return analysis.problems.filter((p) => p.problem.code === id).map((p) => problemFinding(p.problem, p.path, p.lines));
    },
  };
}
