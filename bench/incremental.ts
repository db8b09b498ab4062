// Incremental: edits through didChange in an open workspace, timed from sending the change to the
// last publishDiagnostics it must cause (or to the server's `ready` status when it must cause
// none); publishes to files the edit cannot affect are counted as strays.
import * as fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import type { GeneratedUpstream, GeneratedWorkspace } from './generate';
import { LspSession } from './lspSession';
import { nowMs, percentile } from './stats';

export const editKinds = [
  'tomcat keepAliveTimeout',
  'upstream keepalive_timeout',
  'syntax break',
  'syntax mend',
  'shared snippet',
  'shared snippet header',
] as const;
export type EditKind = (typeof editKinds)[number];

export interface Edit {
  kind: string;
  file: string;
  start: number;
  end: number;
  text: string;
  /** URIs whose diagnostics must change, and a test of their new diagnostics. */
  expected: { uri: string; holds: (diagnostics: Diagnostic[]) => boolean }[];
}

/** An edit of the kinds the target is about. */
type TimedEdit = Edit & { kind: EditKind };

export interface KindFigures {
  edits: number;
  measured: number;
  p50Ms: number;
  p95Ms: number;
}

export interface IncrementalFigures {
  edits: number;
  p50Ms: number;
  p95Ms: number;
  byKind: Record<EditKind, KindFigures>;
  /** Publishes to URIs the edit cannot affect (should be 0), and how many edits caused any. */
  strayPublishes: number;
  editsWithStrays: number;
  failures: string[];
  /**
   * Not in the target: an edit that changes the diagnostics of every site file (the shared
   * snippet's `Connection ""` made `close`, and back), timed to the last of those publishes.
   */
  wide?: { edits: number; files: number; msEach: number[] };
}

export const hasCode = (code: string) => (diagnostics: Diagnostic[]) => diagnostics.some((d) => d.code === code);
export const lacksCode = (code: string) => (diagnostics: Diagnostic[]) => !diagnostics.some((d) => d.code === code);
export const uriOf = (file: string) => pathToFileURL(file).href;

/** Plans edits over the workspace's current texts, each one flipping a race or the syntax of one file. */
class EditPlanner {
  private readonly nginxSeconds = new Map<GeneratedUpstream, number>();
  private readonly tomcatMs = new Map<GeneratedUpstream, number>();
  private readonly texts: Map<string, string>;

  constructor(
    private readonly workspace: GeneratedWorkspace,
    texts: Map<string, string>,
  ) {
    this.texts = texts;
    for (const u of workspace.upstreams) {
      this.nginxSeconds.set(u, u.keepaliveTimeoutSeconds);
      this.tomcatMs.set(u, u.tomcat.keepAliveTimeoutMs);
    }
  }

  /** The files the edits of `cycles` cycles touch (to open first). */
  files(cycles: number): string[] {
    const files = new Set<string>([this.workspace.proxySnippet]);
    for (let c = 0; c < cycles; c++) {
      files.add(this.tomcatTarget(c).tomcat.serverXml);
      files.add(this.upstreamTarget(c).file);
      files.add(this.siteTarget(c));
    }
    return [...files];
  }

  cycle(c: number): (() => TimedEdit)[] {
    return [
      () => this.tomcatEdit(c),
      () => this.upstreamEdit(c),
      () => this.syntaxEdit(c, true),
      () => this.syntaxEdit(c, false),
      () => this.snippetEdit(c),
      () => this.snippetHeaderEdit(c),
    ];
  }

  private tomcatTarget(c: number): GeneratedUpstream {
    return this.workspace.upstreams[c % this.workspace.upstreams.length];
  }

  private upstreamTarget(c: number): GeneratedUpstream {
    const count = this.workspace.upstreams.length;
    return this.workspace.upstreams[(c + Math.floor(count / 2)) % count];
  }

  private siteTarget(c: number): string {
    return this.workspace.siteFiles[(c * 97) % this.workspace.siteFiles.length];
  }

  private racing(u: GeneratedUpstream): boolean {
    return this.nginxSeconds.get(u)! * 1000 >= this.tomcatMs.get(u)!;
  }

  private raceExpectation(u: GeneratedUpstream): Edit['expected'] {
    const holds = this.racing(u) ? hasCode('keepalive-race') : lacksCode('keepalive-race');
    return [
      { uri: uriOf(u.file), holds },
      { uri: uriOf(u.tomcat.serverXml), holds },
    ];
  }

  /** Replaces the first group of `pattern`'s match in the file with `text`. */
  private groupEdit<K extends Edit['kind']>(
    kind: K,
    file: string,
    pattern: RegExp,
    text: string | number,
  ): Omit<Edit, 'expected'> & { kind: K } {
    const match = pattern.exec(this.texts.get(file)!);
    if (!match) throw new Error(`${kind}: ${pattern} not found in ${file}`);
    const start = match.index + match[0].indexOf(match[1]);
    return { kind, file, start, end: start + match[1].length, text: String(text) };
  }

  private tomcatEdit(c: number): TimedEdit {
    const u = this.tomcatTarget(c);
    const nginxMs = this.nginxSeconds.get(u)! * 1000;
    const value = this.racing(u) ? nginxMs + 30_000 : Math.max(1000, nginxMs - 10_000);
    const edit = this.groupEdit('tomcat keepAliveTimeout', u.tomcat.serverXml, /keepAliveTimeout="(\d+)"/, value);
    this.tomcatMs.set(u, value);
    return { ...edit, expected: this.raceExpectation(u) };
  }

  private upstreamEdit(c: number): TimedEdit {
    const u = this.upstreamTarget(c);
    const tomcatSeconds = this.tomcatMs.get(u)! / 1000;
    const value = this.racing(u) ? Math.max(1, Math.floor(tomcatSeconds) - 5) : Math.ceil(tomcatSeconds) + 10;
    const edit = this.groupEdit('upstream keepalive_timeout', u.file, /keepalive_timeout (\d+)s;/, value);
    this.nginxSeconds.set(u, value);
    return { ...edit, expected: this.raceExpectation(u) };
  }

  /** Deletes, then puts back, the closing quote of `return 200 "ok\n"`: the string runs to the end of the file. */
  private syntaxEdit(c: number, breaking: boolean): TimedEdit {
    const file = this.siteTarget(c);
    const at = this.texts.get(file)!.indexOf('"ok\\n') + 5;
    const expected = [{ uri: uriOf(file), holds: breaking ? hasCode('nginx-syntax') : lacksCode('nginx-syntax') }];
    return breaking
      ? { kind: 'syntax break', file, start: at, end: at + 1, text: '', expected }
      : { kind: 'syntax mend', file, start: at, end: at, text: '"', expected };
  }

  /** `Connection ""` in the snippet every location includes made `close`, or back: every site file's diagnostics change. */
  wideEdit(close: boolean): Edit {
    const edit = this.groupEdit(
      'every location',
      this.workspace.proxySnippet,
      /proxy_set_header Connection ("[^"]*"|close);/,
      close ? 'close' : '""',
    );
    const holds = close ? hasCode('keepalive-lost') : lacksCode('keepalive-lost');
    return { ...edit, expected: this.workspace.siteFiles.map((file) => ({ uri: uriOf(file), holds })) };
  }

  /** A timeout in the snippet every location includes: no diagnostic changes, and the model does not read it. */
  private snippetEdit(c: number): TimedEdit {
    const edit = this.groupEdit('shared snippet', this.workspace.proxySnippet, /proxy_read_timeout (\d+)s;/, c % 2 === 0 ? 65 : 60);
    return { ...edit, expected: [] };
  }

  /**
   * A header the snippet sends, its name's case flipped (nginx reads header names in any case): it
   * changes no diagnostic, but the model reads every proxy_set_header, so every location including
   * the snippet is read again.
   */
  private snippetHeaderEdit(c: number): TimedEdit {
    const edit = this.groupEdit(
      'shared snippet header',
      this.workspace.proxySnippet,
      /proxy_set_header (X-Real-I[Pp]) /,
      c % 2 === 0 ? 'X-Real-Ip' : 'X-Real-IP',
    );
    return { ...edit, expected: [] };
  }
}

function position(text: string, offset: number): { line: number; character: number } {
  let line = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, character: offset - lineStart };
}

/** Whether the server sends `ready` after an edit; if it ever does not, later edits fall back to a quiet period. */
export interface Signals {
  readyAfterEdits: boolean;
}

export async function applyEdit(
  session: LspSession,
  texts: Map<string, string>,
  edit: Edit,
  signals: Signals,
): Promise<{ ms: number; strays: number; failure?: string }> {
  const before = texts.get(edit.file)!;
  const range = { start: position(before, edit.start), end: position(before, edit.end) };
  texts.set(edit.file, before.slice(0, edit.start) + edit.text + before.slice(edit.end));
  const firstPublish = session.publishes.length;
  const firstReady = session.readyTimes.length;
  const sent = nowMs();
  await session.change(uriOf(edit.file), [{ range, text: edit.text }]);
  const since = () => session.publishes.slice(firstPublish);
  const expectedUris = new Set(edit.expected.map((e) => e.uri));
  const readyAfter = () => session.readyTimes.length > firstReady;
  const allPublished = () => {
    const published = new Set(since().map((p) => p.uri));
    return [...expectedUris].every((u) => published.has(u));
  };
  // Done: every URI that must change was published and the server said `ready` (after the
  // publishes of that analysis), or, for a server that stopped sending it, 500 ms passed in silence.
  let noReady: string | undefined;
  try {
    await session.until(
      `${edit.kind} in ${edit.file} to be published`,
      30_000,
      () => allPublished() && (readyAfter() || (!signals.readyAfterEdits && nowMs() - Math.max(sent, session.lastMessageAt) >= 500)),
    );
  } catch (error) {
    if (!allPublished() || readyAfter() || /server exited/.test((error as Error).message)) throw error;
    signals.readyAfterEdits = false;
    noReady = `${edit.kind}: no ready status within 30 s; later edits wait for 500 ms of silence instead`;
  }
  await session.quiet(100, 30_000);
  const publishes = since();
  const strays = publishes.filter((p) => !expectedUris.has(p.uri)).length;
  const wrong = edit.expected.filter((e) => !e.holds(session.diagnostics.get(e.uri) ?? []));
  const failure = wrong.length > 0 ? `${edit.kind}: unexpected diagnostics on ${wrong.map((w) => w.uri).join(', ')}` : noReady;
  if (expectedUris.size === 0)
    return {
      ms: readyAfter() ? session.readyTimes[firstReady] - sent : NaN,
      strays,
      failure: failure ?? (readyAfter() ? undefined : `${edit.kind}: no ready status, so no completion time`),
    };
  const last = Math.max(...publishes.filter((p) => expectedUris.has(p.uri)).map((p) => p.at));
  return { ms: last - sent, strays, failure };
}

export async function incrementalBenchmark(workspace: GeneratedWorkspace, edits: number): Promise<IncrementalFigures> {
  const session = new LspSession();
  const failures: string[] = [];
  const times = new Map<EditKind, number[]>(editKinds.map((k) => [k, []]));
  const counts = new Map<EditKind, number>(editKinds.map((k) => [k, 0]));
  const signals: Signals = { readyAfterEdits: true };
  let strayPublishes = 0;
  let editsWithStrays = 0;
  let wide: IncrementalFigures['wide'];
  try {
    await session.start(workspace.root);
    await session.until('the first ready status', 300_000, () => session.readyTimes.length > 0);
    const texts = new Map<string, string>();
    const planner = new EditPlanner(workspace, texts);
    const cycles = Math.ceil(edits / editKinds.length);
    for (const file of planner.files(cycles)) {
      texts.set(file, fs.readFileSync(file, 'utf8'));
      await session.open(file);
    }
    // Opening re-analyses; wait until that has settled before the first measured edit.
    const readyBefore = session.readyTimes.length;
    await session.until('the analysis after opening the edited files', 300_000, () => session.readyTimes.length > readyBefore);
    await session.quiet(300, 300_000);
    let done = 0;
    for (let c = 0; c < cycles && done < edits; c++) {
      for (const plan of planner.cycle(c)) {
        if (done++ >= edits) break;
        const edit = plan();
        counts.set(edit.kind, counts.get(edit.kind)! + 1);
        try {
          const result = await applyEdit(session, texts, edit, signals);
          if (Number.isFinite(result.ms)) times.get(edit.kind)!.push(result.ms);
          strayPublishes += result.strays;
          if (result.strays > 0) editsWithStrays++;
          if (result.failure) failures.push(result.failure);
        } catch (error) {
          failures.push((error as Error).message.slice(0, 500));
          if (/server exited/.test((error as Error).message)) throw error;
        }
      }
    }
    wide = { edits: 0, files: workspace.siteFiles.length, msEach: [] };
    for (const close of [true, false, true, false]) {
      const result = await applyEdit(session, texts, planner.wideEdit(close), signals);
      wide.edits++;
      wide.msEach.push(result.ms);
      if (result.failure) failures.push(`wide edit: ${result.failure}`);
    }
  } finally {
    await session.stop();
  }
  const all = [...times.values()].flat();
  const byKind = Object.fromEntries(
    editKinds.map((k) => [
      k,
      { edits: counts.get(k)!, measured: times.get(k)!.length, p50Ms: percentile(times.get(k)!, 50), p95Ms: percentile(times.get(k)!, 95) },
    ]),
  ) as Record<EditKind, KindFigures>;
  return { edits, p50Ms: percentile(all, 50), p95Ms: percentile(all, 95), byKind, strayPublishes, editsWithStrays, failures, wide };
}
