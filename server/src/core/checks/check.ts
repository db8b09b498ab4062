// What a check is, as ESLint's rules and Biome's lints keep it: its meta (id, default severity,
// message templates, the nginx directives it reads, docs) and `run`, which reads the analysis
// through a context that the engine (workspace.ts) gives it, and reports and memoises through it.
import type { Finding, Severity } from '../types';
import type { Analysis, FileProblem } from '../analysis';

/** Every check's id: the LSP diagnostic code, the SARIF ruleId and the folder name under checks/. */
export const checkIds = [
  'keepalive-race',
  'keepalive-lost',
  'ajp-port',
  'nginx-syntax',
  'nginx-include',
  'xml-syntax',
  'deployment-file',
  'spring-config',
  'nodejs-config',
  'go-source',
  'apache-config',
  'invalid-value',
  'tomcat-property',
  'file-access',
  'settings',
  'unlinked-upstream',
  'fastcgi-timeout',
] as const;

export type CheckId = (typeof checkIds)[number];

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

export interface CheckMeta {
  /** Stable id: the LSP diagnostic code and the SARIF ruleId. */
  id: CheckId;
  /** One line, shown in lists and as the SARIF rule's short description. */
  description: string;
  /**
   * The severity of its findings, and when another one applies instead: for the checks that report
   * what readers met, the readers decide each problem's (said here, so it is found in one place).
   */
  severity: { default: Severity; otherwise?: string };
  /** Message templates by name; `{{name}}` holes are filled by `formatMessage`. */
  messages: Record<string, string>;
  /**
   * The nginx directives (by name) the check reads from an include expansion beyond blocks. The
   * expansion keeps the union of these and of what the http model reads, and leaves out the rest.
   */
  nginxDirectives: readonly string[];
  docs: CheckDocs;
}

/** One check: one folder (its index.ts and its table of valid and invalid cases). */
export interface Check extends CheckMeta {
  run(context: CheckContext): void;
  /**
   * The message of one finding standing for several of this check at one place (run.ts merges
   * them). Without it the first message stands and the others become related information.
   */
  mergeMessage?(findings: readonly Finding[]): string;
}

/**
 * What a check gets from the engine for one analysis. Memos are the engine's: kept per workspace
 * and per check, keyed by the objects given, and made again when the settings, the root, the
 * layout (nodes moved: the places findings quote may differ) or a declared input changed.
 */
export interface CheckContext {
  readonly analysis: Analysis;
  report(finding: Finding): void;
  reportAll(findings: readonly Finding[]): void;
  /**
   * The findings `make` gives for `keys` (objects the findings are derived from), made again only
   * when an input changed; findings saying the same as before come back as the same objects.
   */
  findings(keys: readonly [object, ...object[]], inputs: readonly unknown[], make: () => Finding[]): Finding[];
  /** A value derived from `key` alone (no places, no settings), kept while `key` lives. */
  derived<K extends object, V>(key: K, compute: (key: K) => V): V;
  /** The finding of a problem a reader met: the same object while the problem lives. */
  problemFinding(problem: FileProblem): Finding;
}

/** A message template with its `{{name}}` holes filled (each once, values taken as they are). */
export function formatMessage(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`message template lacks a value for {{${name}}}`);
    return String(value);
  });
}
