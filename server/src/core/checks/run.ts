// The engine's side of the checks: one context per check and analysis, with memos that belong to
// the workspace running them (one CheckRunner each), so they are freed with it and never shared
// between workspaces. Checks see only CheckContext (check.ts).
import type { Analysis, FileProblem } from '../analysis';
import type { Finding, ParseProblem } from '../types';
import { InputMemo, sameData } from '../memo';
import type { Check, CheckContext, CheckId } from './check';
import { PlaceMerger } from './merge';

export interface CheckResults {
  findings: Finding[];
  /** Checks that failed with an exception (a bug): reported, never thrown. */
  internalErrors: string[];
}

export class CheckRunner {
  private readonly findingMemos = new Map<CheckId, InputMemo<Finding[]>>();
  private readonly derivedMemos = new Map<CheckId, WeakMap<object, unknown>>();
  private readonly mergers = new Map<CheckId, PlaceMerger>();
  /**
   * What every findings memo depends on: the settings, the root (paths in messages) and the layout
   * version (places). A new object whenever one of them changed, so a memo compares one identity.
   */
  private shared = { settings: {} as unknown, rootDir: '', layoutVersion: -1 };
  /** A reader's problem's finding: the same object while the problem (and its parse) lives. */
  private readonly problemFindings = new WeakMap<ParseProblem, Finding>();

  constructor(private readonly checks: readonly Check[]) {}

  /** The nginx directives some check reads (see CheckMeta.nginxDirectives). */
  nginxDirectives(): Set<string> {
    return new Set(this.checks.flatMap((check) => check.nginxDirectives));
  }

  run(analysis: Analysis): CheckResults {
    const { settings, rootDir, layoutVersion } = analysis;
    const last = this.shared;
    if (last.settings !== settings || last.rootDir !== rootDir || last.layoutVersion !== layoutVersion)
      this.shared = { settings, rootDir, layoutVersion };
    const findings: Finding[] = [];
    const internalErrors: string[] = [];
    for (const check of this.checks) {
      const own: Finding[] = [];
      try {
        check.run(this.context(check.id, analysis, own));
        const merger = this.memoOf(this.mergers, check.id, () => new PlaceMerger(check));
        for (const finding of merger.merge(own)) findings.push(finding); // a spread overflows the stack past ~125,000
      } catch (error) {
        internalErrors.push(`check ${check.id} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      }
    }
    return { findings, internalErrors };
  }

  /**
   * The finding of a problem a reader met. A problem object lives as long as the parse (or
   * expansion) that found it: so does its finding, and an unchanged file shows the same objects.
   */
  problemFinding({ problem, path, lines }: FileProblem): Finding {
    let finding = this.problemFindings.get(problem);
    if (!finding || finding.location.file !== path) {
      finding = {
        code: problem.code,
        severity: problem.severity,
        message: problem.message,
        location: { file: path, range: lines.rangeOf(problem.span) },
        related: [],
        fixes: [],
      };
      this.problemFindings.set(problem, finding);
    }
    return finding;
  }

  private context(id: CheckId, analysis: Analysis, own: Finding[]): CheckContext {
    const findingMemo = this.memoOf(this.findingMemos, id, () => new InputMemo<Finding[]>(sameFindings));
    const derivedMemo = this.memoOf(this.derivedMemos, id, () => new WeakMap<object, unknown>());
    const shared = this.shared;
    return {
      analysis,
      report: (finding) => own.push(finding),
      reportAll: (list) => {
        for (const finding of list) own.push(finding);
      },
      // Findings quote places and paths and follow the settings: those are always inputs.
      findings: (keys, inputs, make) => findingMemo.get(keys, shared, inputs, make),
      derived: <K extends object, V>(key: K, compute: (key: K) => V): V => {
        let value = derivedMemo.get(key) as V | undefined;
        if (value === undefined) derivedMemo.set(key, (value = compute(key)));
        return value;
      },
      problemFinding: (problem) => this.problemFinding(problem),
    };
  }

  private memoOf<T>(memos: Map<CheckId, T>, id: CheckId, create: () => T): T {
    let memo = memos.get(id);
    if (!memo) memos.set(id, (memo = create()));
    return memo;
  }
}

/** Findings are plain data: a list saying the same, finding by finding, is the same list. */
function sameFindings(before: Finding[], now: Finding[]): boolean {
  return before.length === now.length && before.every((finding, i) => sameData(finding, now[i]));
}
