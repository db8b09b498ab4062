// While a large folder is read, each file is parsed as it comes, and the problems it shows on its
// own (syntax, values) are published: the first at once, later ones at most every `intervalMs`.
// Links and keep-alive findings follow once every file is read. Files that already have
// diagnostics (a rescan) keep theirs until then.
import type { Diagnostic } from 'vscode-languageserver/node';
import type { Workspace } from '../core/workspace';
import type { Finding } from '../core/types';
import { toUri } from './convert';

export type Entries = { finding: Finding; diagnostic: Diagnostic }[];

export class LocalProblemStream {
  private pending: { uri: string; findings: Finding[] }[] = [];
  /** The first problems go out at once, later ones at most every `intervalMs`. */
  private lastFlush = 0;

  constructor(
    private readonly workspace: Workspace,
    private readonly hasDiagnostics: (uri: string) => boolean,
    private readonly publish: (uri: string, entries: Entries) => void,
    private readonly toEntry: (finding: Finding) => Entries[number],
    private readonly intervalMs = 250,
  ) {}

  /** Parses a file as it is read (the scan yields between batches, so this never blocks long). */
  read(file: string): void {
    const findings = this.workspace.localFindings(file);
    if (findings.length > 0) this.pending.push({ uri: toUri(file), findings });
    if (this.pending.length > 0 && Date.now() - this.lastFlush >= this.intervalMs) this.flush();
  }

  flush(): void {
    for (const { uri, findings } of this.pending) if (!this.hasDiagnostics(uri)) this.publish(uri, findings.map(this.toEntry));
    this.pending = [];
    this.lastFlush = Date.now();
  }
}
