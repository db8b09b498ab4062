// The shape of each check's table of valid and invalid cases (checks/<id>/cases.ts), run by
// test/core/checks.test.ts for every check.
import type { Severity } from '../types';

/** Files by path relative to the workspace root. */
export type CaseFiles = Record<string, string>;

export interface ValidCase {
  name: string;
  files: CaseFiles;
  /** `timeout-chain.json`-shaped settings. */
  settings?: unknown;
}

export interface ExpectedFinding {
  file: string;
  /** 1-based line of the range start. */
  line: number;
  /** The exact text the range covers ('' for an empty range). */
  text: string;
  severity?: Severity;
  /** Words the message must contain. */
  message?: string[];
  /** Words the related information must contain (each in one of its messages): the details the first sentence leaves out. */
  related?: string[];
  /** Files the related information must point to. */
  relatedFiles?: string[];
  /** Fix titles, in order (omit to not check). */
  fixes?: string[];
}

export interface InvalidCase extends ValidCase {
  findings: ExpectedFinding[];
  /** After applying the preferred fix of the first finding: expected text of each listed file. */
  fixed?: CaseFiles;
  /**
   * By fix title, after applying that fix of the first finding: expected text of each listed
   * file. A case that pins any fix (here or in `fixed`) pins every fix of its first finding.
   */
  fixedBy?: Record<string, CaseFiles>;
}

export interface CheckCases {
  valid: ValidCase[];
  invalid: InvalidCase[];
}

/** A file's text in a table that stands for a file the disk would not let be read (test hosts understand it). */
export function unreadableFile(refusal: 'outside' | 'unreadable' | 'too-large' | 'loop'): string {
  return `${unreadableMark}${refusal}`;
}

export const unreadableMark = '\u0000unreadable:';
