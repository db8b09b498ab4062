import type { Finding } from '../types';
import type { Analysis } from '../analysis';

/** The docs section of a check: rendered into docs/checks/<id>.md and SARIF rule help. */
export interface CheckDocs {
  /** What the check finds. */
  finds: string;
  /** Why it breaks things. */
  why: string;
  /** A small configuration that triggers it (Markdown). */
  example: string;
  /** How to fix it. */
  fix: string;
}

/** One check: one id, one file, one folder (with its valid/invalid cases beside it). */
export interface Check {
  /** Stable id: the LSP diagnostic code and the SARIF ruleId. */
  id: string;
  /** One line, shown in lists and as the SARIF rule's short description. */
  description: string;
  docs: CheckDocs;
  run(analysis: Analysis): Finding[];
}
