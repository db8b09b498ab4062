// A folder of configuration files, analysed as a whole. Each file is parsed once per version of
// its text; an analysis links the parsed files and runs every check. The CLI, the language server
// and the tests drive this same class; only the host (where texts come from) differs.
import * as path from 'node:path';
import type { Finding, ParseProblem } from './types';
import { LineIndex } from './text';
import type { AnalysisSettings } from './settings';
import type { Analysis, BackendEndpoint, BackendFiles, FileProblem, NginxConfig } from './analysis';
import { refusalText, type Refusal } from './access';
import { capProblems, maxProblemsPerFile } from './problems';
import { asSentence, quoteToken } from './quote';
import { failureProblem } from './failure';
import type { SettingsFile } from './settingsFile';
import type { NginxFile } from './nginx/ast';
import { parseNginx } from './nginx/parser';
import { nginxValueProblems } from './nginx/directiveValues';
import { NginxConfigBuilder } from './nginx/configs';
import type { NodeMoves } from './nginx/nodeMoves';
import { parseNginxVersion, type NginxVersion } from './nginx/version';
import { backendKinds } from './backends';
import type { AnyBackendKind, BackendFile, BackendRuntime, CompanionFile } from './backends/kind';
import { linkUpstreams, type UnmatchedLink } from './link';
import { linkFastcgiRoutes } from './linkFastcgi';
import { deploymentKind } from './deployment';
import type { PathKind } from './deployment/placement';
import { WorkspaceDeployments } from './deployments';
import { allChecks } from './checks';
import type { Check } from './checks/check';
import { CheckRunner } from './checks/run';
import { PatchedList } from './patchedList';
import type { FileKind } from './classify';

/** Where texts come from: disk for the CLI, editors over disk for the language server. */
export interface WorkspaceHost {
  /** The text of a file the workspace did not register (an included file), or undefined if unreadable. */
  readFile(file: string): string | undefined;
  /** Absolute paths matching an absolute nginx glob, sorted. */
  glob(pattern: string): string[];
  /** Why the last readFile of a file gave nothing (absent: not found). */
  whyUnread?(file: string): Refusal | undefined;
  /** The path a file is known by when a link leads to it (its real path), if that differs. */
  realPath?(file: string): string | undefined;
  /** Whether a path is a file or a folder (a compose mount's source), when the workspace has not registered it. */
  pathKind?(file: string): 'file' | 'folder' | undefined;
}

/** A file or folder the scan met but could not read. */
export interface UnreadEntry {
  refusal: Refusal;
  folder: boolean;
}

export interface WorkspaceOptions {
  /** The backend kinds read (default: every registered kind); tests add kinds of their own here. */
  backendKinds?: readonly AnyBackendKind[];
  /** The checks run (default: every registered check); tests add checks of their own here. */
  checks?: readonly Check[];
}

export interface AnalysisResult {
  analysis: Analysis;
  findings: Finding[];
  /** Checks that failed with an exception (a bug): reported, never thrown. */
  internalErrors: string[];
  /** Settings that could not be used, said in words. */
  settingsErrors: string[];
}

interface Parsed<T> {
  text: string;
  value: T;
}

export class Workspace {
  /** Registered files by kind: nginx, a backend kind's id, or a companion kind (`properties`). */
  private readonly kinds = new Map<string, FileKind | string>();
  private readonly texts = new Map<string, string>();
  private readonly nginxCache = new Map<string, Parsed<NginxFile>>();
  /** Per backend kind: its parsed files, and the companion files they read (catalina.properties). */
  private readonly backendCaches = new Map<AnyBackendKind, Map<string, Parsed<BackendFile>>>();
  private readonly companionCaches = new Map<AnyBackendKind, Map<string, Parsed<CompanionFile>>>();
  private readonly backendKinds: readonly AnyBackendKind[];
  /** How the servers are wired (compose services, Dockerfiles), read again when a deployment file changed. */
  private readonly deployments = new WorkspaceDeployments();
  /** Files whose text changed (or that appeared or went) since the last analysis. */
  private changed = new Set<string>();
  /** Companion files the analysis under way looked up. */
  private companionsUsed = new Set<string>();
  /** Sorted paths by kind, and of every parsed nginx file: rebuilt only when the sets change. */
  private readonly sortedPaths = new Map<string, string[]>();
  /** Parsed nginx and backend files that have problems (kept in step with the caches). */
  private readonly withProblems = new Set<ParsedFile>();
  /** The registered nginx files' parses (undefined: unreadable). */
  private readonly registered = new PatchedList<NginxFile | undefined>();
  /** Every parsed nginx file. */
  private readonly parsedNginx = new PatchedList<NginxFile>();
  /** Bumped whenever files are registered or dropped. */
  private fileSetVersion = 0;
  /** The file set forgetUnused last looked at. */
  private fileSetVersionSeen = 0;
  /**
   * Files the host had no text for (a companion or include that does not exist), not asked again
   * on every analysis: until the file is registered or invalidated (the watchers say it appeared).
   */
  private readonly unreadable = new Set<string>();
  /** Glob matches, kept until a file appears or disappears. */
  private readonly globs = new Map<string, string[]>();
  /** nginx configurations, kept between analyses. */
  private configs: NginxConfigBuilder;
  /** Nodes kept from an earlier analysis that moved (the analysis's layoutVersion), over every builder this workspace makes. */
  private readonly nodeMoves: NodeMoves = { count: 0 };
  /** The checks with their memos, which live and go with this workspace. */
  private readonly checks: CheckRunner;
  /** A backend file's endpoints, kept while it and its companions are the same parses. */
  private readonly endpointMemo = new WeakMap<
    BackendFile,
    {
      companions: (CompanionFile | undefined)[];
      runtime: BackendRuntime | undefined;
      endpoints: BackendEndpoint[];
      problems: FileProblem[];
    }
  >();
  /** What the scan could not read, by path: the problem said on it. */
  private readonly unread = new Map<string, FileProblem>();
  /**
   * Problems made by the analysis itself (links that link nothing, "and N more"), by what they
   * say: the same object while the wording holds, so an edit elsewhere re-publishes nothing.
   */
  private madeProblems = new Map<string, ParseProblem>();
  private madeNow = new Map<string, ParseProblem>();

  /** `settingsFile`: the timeout-chain.json the settings were read from, whose problems are reported on it. */
  constructor(
    readonly rootDir: string,
    private readonly host: WorkspaceHost,
    private settings: AnalysisSettings,
    private settingsFile?: SettingsFile,
    options: WorkspaceOptions = {},
  ) {
    this.checks = new CheckRunner(options.checks ?? allChecks);
    // Here, not as a field initializer: those run before the parameter properties are set.
    this.configs = this.newConfigBuilder();
    this.backendKinds = options.backendKinds ?? backendKinds;
    for (const kind of this.backendKinds) {
      this.backendCaches.set(kind, new Map());
      this.companionCaches.set(kind, new Map());
    }
  }

  get settingsInUse(): AnalysisSettings {
    return this.settings;
  }

  setSettings(settings: AnalysisSettings, settingsFile?: SettingsFile): void {
    this.settings = settings;
    this.settingsFile = settingsFile;
    this.configs = this.newConfigBuilder(); // the prefix map decides where includes resolve
  }

  /** Records a file or folder the scan could not read (`undefined`: it can be read now, or is gone). */
  setUnread(file: string, entry: UnreadEntry | undefined): void {
    if (!entry) {
      this.unread.delete(file);
      return;
    }
    const what = entry.folder ? 'This folder is' : 'This file is';
    // Not read on purpose (outside, not text) is information; a config nobody can read is a warning.
    const severity = entry.folder || entry.refusal === 'outside' || entry.refusal === 'binary' ? 'info' : 'warning';
    const message = `${what} ${refusalText(entry.refusal)}: ${entry.folder ? 'the configuration files in it are' : 'it is'} not checked.`;
    this.unread.set(file, {
      path: file,
      lines: emptyLines,
      problem: { code: 'file-access', severity, message, span: { start: 0, end: 0 } },
    });
  }

  /** Registers a file with its current text; `undefined` forgets it (deleted or no longer relevant). */
  setFile(file: string, kind: FileKind | string, text: string | undefined): void {
    this.unreadable.delete(file);
    if (this.kinds.get(file) === deploymentKind || kind === deploymentKind) {
      if (this.kinds.get(file) !== kind || this.texts.get(file) !== text) this.deployments.changed();
    }
    if (text === undefined) {
      if (this.kinds.delete(file)) this.fileSetChanged();
      this.texts.delete(file);
      this.changed.add(file);
      return;
    }
    if (this.kinds.get(file) !== kind) this.fileSetChanged();
    this.kinds.set(file, kind);
    if (this.texts.get(file) !== text) this.changed.add(file);
    this.texts.set(file, text);
  }

  private fileSetChanged(): void {
    this.fileSetVersion++;
    this.globs.clear();
    this.sortedPaths.clear();
  }

  /**
   * Forgets a text read through the host (an included file) so it is read again next time.
   * `appearedOrWent`: the file was created or deleted, so glob matches may differ.
   */
  invalidate(file: string, appearedOrWent: boolean): void {
    this.unreadable.delete(file);
    if (!this.kinds.has(file)) {
      this.texts.delete(file);
      this.changed.add(file);
    }
    if (appearedOrWent) this.globs.clear();
  }

  has(file: string): boolean {
    return this.kinds.has(file);
  }

  files(): string[] {
    return [...this.kinds.keys()];
  }

  /**
   * What a file shows on its own, before anything is linked: its syntax and value problems, the
   * same finding objects the next analysis reports. Parses the file (once: the analysis reuses it).
   */
  localFindings(file: string): Finding[] {
    const kind = this.kinds.get(file);
    const backend = this.backendKinds.find((k) => k.id === kind);
    const parsed = kind === 'nginx' ? this.nginx(file) : backend ? this.backend(backend, file) : undefined;
    if (!parsed) return [];
    return parsed.problems.map((problem) => this.checks.problemFinding({ problem, path: parsed.path, lines: parsed.lines }));
  }

  analyze(): AnalysisResult {
    const changed = this.changed;
    this.changed = new Set();
    this.companionsUsed = new Set();
    const globsKept = this.globs.size > 0;
    this.refreshDeployments();
    this.configs.nextGeneration(changed, globsKept);
    const { version, settingsErrors } = this.nginxVersion();
    this.madeProblems = this.madeNow;
    this.madeNow = new Map();
    const problems: FileProblem[] = [];
    const registered = this.registeredNginx(changed);
    const configs = this.buildConfigs(registered, problems);
    const backends: BackendFiles[] = this.backendKinds.map((kind) => ({
      kind: kind.id,
      serverName: kind.serverName,
      endpointNoun: kind.endpointNoun,
      fileName: kind.fileName,
      filesNoun: kind.filesNoun,
      ...(kind.passDirective ? { passDirective: kind.passDirective } : {}),
      files: this.filesOf(kind.id)
        .map((f) => this.backend(kind, f))
        .filter((f) => kind.serves?.(f) ?? true),
    }));
    const fromFiles = this.backendKinds.flatMap((kind, i) => {
      const made = backends[i].files.map((file) => this.endpoints(kind, file, problems));
      // A Go module serves only when its sources start a server: known from its endpoints alone.
      if (kind.servesWhenEndpoints) backends[i].files = backends[i].files.filter((_, j) => made[j].length > 0);
      return made.flat();
    });
    const fromImages = this.deployments.imageEndpoints(this.backendKinds, fromFiles);
    const endpoints = fromImages.length > 0 ? [...fromFiles, ...fromImages] : fromFiles;
    this.forgetUnused();
    // Every nginx file read, including those only reached through include (proxy_params...).
    const nginxFiles = this.nginxFileList(changed);
    // Sorted, so that the problems come in the same order whatever order the files were parsed in.
    for (const file of [...this.withProblems].sort((a, b) => (a.path < b.path ? -1 : 1))) {
      for (const problem of file.problems ?? []) problems.push({ path: file.path, lines: file.lines, problem });
    }
    for (const problem of this.unread.values()) problems.push(problem);
    for (const problem of this.deployments.problems()) problems.push(problem);
    const facts = this.deployments.current.facts;
    const { links, unmatched } = linkUpstreams(configs, endpoints, this.settings, this.rootDir, this.backendKinds, facts);
    const fastcgiLinks = linkFastcgiRoutes(configs, endpoints, facts);
    this.settingsProblems(problems, unmatched, settingsErrors);
    // The setting decides the version for every configuration; else the image running each one.
    const versions = this.settings.nginxVersion === undefined ? this.deployments.versions(configs, version, this.rootDir) : undefined;
    const analysis: Analysis = {
      rootDir: this.rootDir,
      settings: this.deployments.settingsFor(this.settings),
      settingsFile: this.settingsFile,
      nginxVersion: versions?.default ?? version,
      ...(versions && versions.byConfig.size > 0 ? { configVersions: versions.byConfig } : {}),
      nginxFiles,
      backends,
      configs,
      endpoints,
      links,
      ...(fastcgiLinks.length > 0 ? { fastcgiLinks } : {}),
      problems: this.capped(dedupeProblems(problems)),
      lines: (file) => this.parsedLines(file),
      layoutVersion: this.nodeMoves.count,
    };
    const { findings, internalErrors } = this.checks.run(analysis);
    return { analysis, findings, internalErrors, settingsErrors };
  }

  private nginxVersion(): { version: NginxVersion; settingsErrors: string[] } {
    const parsed = parseNginxVersion(this.settings.nginxVersion);
    if (!('error' in parsed)) return { version: parsed, settingsErrors: [] };
    return {
      version: parseNginxVersion(undefined) as NginxVersion,
      settingsErrors: [`timeoutChain.nginx.version: ${parsed.error}; assuming the newest nginx`],
    };
  }

  /** The nginx configurations; a failure (a bug) costs the configuration it met, never the others. */
  private buildConfigs(registered: NginxFile[], problems: FileProblem[]): NginxConfig[] {
    try {
      return this.configs.build(registered, this.fileSetVersion, problems);
    } catch (error) {
      // Start afresh next time: the kept expansions may be half updated.
      this.configs = this.newConfigBuilder();
      const file = registered[0];
      if (file)
        problems.push({
          path: file.path,
          lines: file.lines,
          problem: failureProblem('nginx-include', 'reading the nginx configuration', error),
        });
      return [];
    }
  }

  /** Settings that cannot be used, and links that link nothing: on timeout-chain.json when they come from it. */
  private settingsProblems(problems: FileProblem[], unmatched: UnmatchedLink[], settingsErrors: string[]): void {
    const file = this.settingsFile;
    if (file) for (const problem of file.problems) problems.push({ path: file.path, lines: file.lines, problem });
    for (const { link, why } of unmatched) {
      const span = file?.linkSpan(link);
      const message = `this link from upstream "${quoteToken(link.upstream)}" links nothing. ${asSentence(why)}`;
      if (file && span)
        problems.push({
          path: file.path,
          lines: file.lines,
          problem: this.made(file.path, { code: 'settings', severity: 'error', message, span }),
        });
      else settingsErrors.push(`timeoutChain.links: ${message}`);
    }
  }

  /** A problem the analysis made, as the same object as last time when it says the same. */
  private made(file: string, problem: ParseProblem): ParseProblem {
    const key = `${file}\0${problem.code}\0${problem.span.start}\0${problem.span.end}\0${problem.message}`;
    const kept = this.madeProblems.get(key) ?? problem;
    this.madeNow.set(key, kept);
    return kept;
  }

  /** At most maxProblemsPerFile problems per file, then one saying how many more. */
  private capped(problems: FileProblem[]): FileProblem[] {
    const byPath = new Map<string, FileProblem[]>();
    for (const problem of problems) {
      const list = byPath.get(problem.path);
      if (list) list.push(problem);
      else byPath.set(problem.path, [problem]);
    }
    const dropped = (file: string) => this.nginxCache.get(file)?.value.droppedProblems ?? 0;
    if ([...byPath].every(([file, list]) => list.length <= maxProblemsPerFile && dropped(file) === 0)) return problems;
    const result: FileProblem[] = [];
    for (const [file, list] of byPath) {
      if (list.length <= maxProblemsPerFile && dropped(file) === 0) {
        for (const problem of list) result.push(problem);
        continue;
      }
      const capped = capProblems(
        list.map((p) => p.problem),
        dropped(file),
      );
      const kept = new Set(capped);
      for (const problem of list) if (kept.has(problem.problem)) result.push(problem);
      const more = capped[capped.length - 1];
      if (list.some((p) => p.problem === more)) continue;
      result.push({ path: file, lines: list[0].lines, problem: this.made(file, more) });
    }
    return result;
  }

  /**
   * Drops cached parses and texts of files this analysis no longer reached (deleted, no longer
   * included), and the expansions that were not reached, which may have read them.
   */
  private forgetUnused(): void {
    const forgot = this.configs.forgetUnreached();
    if (!forgot && this.fileSetVersionSeen === this.fileSetVersion) return; // everything read before is still reached
    this.fileSetVersionSeen = this.fileSetVersion;
    const keep = (file: string) => this.kinds.has(file) || this.companionsUsed.has(file) || this.configs.reached(file);
    for (const cache of [this.nginxCache, ...this.backendCaches.values(), ...this.companionCaches.values()] as Map<
      string,
      Parsed<ParsedFile>
    >[]) {
      for (const file of cache.keys()) if (!keep(file)) this.uncache(cache, file);
    }
    for (const file of this.texts.keys()) if (!keep(file)) this.texts.delete(file);
  }

  /** The registered nginx files' parses, sorted by path; re-parsed only where they changed. */
  private registeredNginx(changed: ReadonlySet<string>): NginxFile[] {
    return this.registered.update(this.filesOf('nginx'), changed, (f) => this.nginx(f)).filter((f) => f !== undefined);
  }

  /** Every nginx file read (included ones too), sorted by path. */
  private nginxFileList(changed: ReadonlySet<string>): NginxFile[] {
    return this.parsedNginx.update(
      this.sorted('nginx files', () => this.nginxCache.keys()),
      changed,
      (f) => this.nginxCache.get(f)!.value,
    );
  }

  /** The line index of any file this workspace parsed. */
  private parsedLines(file: string): LineIndex | undefined {
    const nginx = this.nginxCache.get(file);
    if (nginx) return nginx.value.lines;
    for (const cache of this.backendCaches.values()) {
      const hit = cache.get(file);
      if (hit) return hit.value.lines;
    }
    for (const cache of this.companionCaches.values()) {
      const hit = cache.get(file);
      if (hit) return hit.value.lines;
    }
    return this.deployments.linesOf(file);
  }

  /** The registered files under a folder, sorted (a range of the sorted list of every registered file). */
  private registeredUnder(dir: string): string[] {
    const all = this.sorted('registered', () => this.kinds.keys());
    const prefix = dir.endsWith(path.sep) ? dir : dir + path.sep;
    let low = 0;
    let high = all.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (all[middle] < prefix) low = middle + 1;
      else high = middle;
    }
    const result: string[] = [];
    for (let i = low; i < all.length && all[i].startsWith(prefix); i++) result.push(all[i]);
    return result;
  }

  private filesOf(kind: FileKind | string): string[] {
    return this.sorted(kind, () => [...this.kinds].filter(([, k]) => k === kind).map(([file]) => file));
  }

  private sorted(key: string, paths: () => Iterable<string>): string[] {
    let list = this.sortedPaths.get(key);
    if (!list) this.sortedPaths.set(key, (list = [...paths()].sort()));
    return list;
  }

  private text(file: string): string | undefined {
    let text = this.texts.get(file);
    if (text === undefined && !this.unreadable.has(file)) {
      text = this.host.readFile(file);
      if (text !== undefined) this.texts.set(file, text);
      else this.unreadable.add(file);
    }
    return text;
  }

  private nginx(file: string): NginxFile | undefined {
    return this.cached(this.nginxCache, file, (text) => {
      try {
        const parsed = parseNginx(file, text);
        for (const problem of nginxValueProblems(parsed)) parsed.problems.push(problem);
        return parsed;
      } catch (error) {
        return {
          path: file,
          text,
          lines: new LineIndex(text),
          directives: [],
          comments: [],
          problems: [failureProblem('nginx-syntax', 'reading this file', error)],
        };
      }
    });
  }

  /** A backend file's parse; a reader's failure (a bug) becomes one problem on the file. */
  private backend(kind: AnyBackendKind, file: string): BackendFile {
    return (
      this.cached(this.backendCaches.get(kind)!, file, (text) => {
        try {
          return kind.parse(file, text);
        } catch (error) {
          return {
            ...kind.parse(file, ''),
            text,
            lines: new LineIndex(text),
            problems: [failureProblem(kind.syntaxCheck, 'reading this file', error)],
          };
        }
      }) ?? kind.parse(file, '')
    );
  }

  private companion(kind: AnyBackendKind, file: string): CompanionFile | undefined {
    return this.cached(this.companionCaches.get(kind)!, file, (text) => {
      try {
        return kind.parseCompanion(file, text);
      } catch {
        return kind.parseCompanion(file, ''); // what it defines then counts as undefined where it is used
      }
    });
  }

  private cached<T extends ParsedFile>(cache: Map<string, Parsed<T>>, file: string, parse: (text: string) => T): T | undefined {
    const text = this.text(file);
    const hit = cache.get(file);
    if (text === undefined) {
      if (hit) this.uncache(cache, file);
      return undefined;
    }
    if (hit && hit.text === text) return hit.value;
    const value = parse(text);
    if (!hit) this.sortedPaths.delete('nginx files');
    else this.withProblems.delete(hit.value);
    if (value.problems?.length) this.withProblems.add(value);
    cache.set(file, { text, value });
    return value;
  }

  private uncache(cache: Map<string, Parsed<ParsedFile>>, file: string): void {
    const hit = cache.get(file);
    if (!hit) return;
    this.withProblems.delete(hit.value);
    cache.delete(file);
    this.sortedPaths.delete('nginx files');
  }

  /** A backend file's endpoints, rebuilt only when it or one of its companion files changed. */
  private endpoints(kind: AnyBackendKind, file: BackendFile, problems: FileProblem[]): BackendEndpoint[] {
    const runtime = this.deployments.runtimeOf(file.path);
    const read = (companion: string) => this.companion(kind, companion);
    const companions = kind
      .companions(file, read, (dir) => this.registeredUnder(dir), runtime)
      .map((companion) => {
        this.companionsUsed.add(companion);
        return this.companion(kind, companion);
      });
    let memo = this.endpointMemo.get(file);
    if (
      !memo ||
      memo.runtime !== runtime ||
      memo.companions.some((c, i) => c !== companions[i]) ||
      memo.companions.length !== companions.length
    ) {
      const fileProblems: FileProblem[] = [];
      memo = {
        companions,
        runtime,
        endpoints: kind.endpoints(file, companions, this.rootDir, fileProblems, runtime),
        problems: fileProblems,
      };
      this.endpointMemo.set(file, memo);
    }
    problems.push(...memo.problems);
    return memo.endpoints;
  }

  private newConfigBuilder(): NginxConfigBuilder {
    const host = {
      parse: (file: string) => this.nginx(file),
      glob: (pattern: string) => this.glob(pattern),
      parsed: (file: string) => this.nginxCache.get(file)?.value,
      whyUnread: (file: string) => this.host.whyUnread?.(file),
      realPath: (file: string) => this.host.realPath?.(file),
    };
    return new NginxConfigBuilder(
      host,
      () => this.prefixMap(),
      this.rootDir,
      this.checks.nginxDirectives(),
      this.nodeMoves,
      () => this.deployments.placements(),
    );
  }

  private glob(pattern: string): string[] {
    let matches = this.globs.get(pattern);
    if (!matches) this.globs.set(pattern, (matches = this.host.glob(pattern)));
    return matches;
  }

  /**
   * Deployed path -> workspace path: the deployment files' placements under the `nginx.prefixMap`
   * setting, which wins. For the read boundary, which maps absolute link targets while the folder
   * is scanned: the deployment files registered so far are read first.
   */
  deployedPrefixMap(): Record<string, string> {
    this.refreshDeployments();
    return this.prefixMap();
  }

  private prefixMap(): Record<string, string> {
    return this.deployments.prefixMap(this.rootDir, this.settings);
  }

  /**
   * Reads the deployment files again when one changed or the file set did. New facts may move
   * prefixes and main files: the include expansions then start afresh. (During an analysis the
   * reading is current, so a read through the boundary never replaces the builder at work.)
   */
  private refreshDeployments(): void {
    if (this.deployments.update(() => this.deploymentTexts(), this.rootDir, this.pathKind, this.fileSetVersion))
      this.configs = this.newConfigBuilder();
  }

  private deploymentTexts(): { path: string; text: string }[] {
    return this.filesOf(deploymentKind).flatMap((file) => {
      const text = this.texts.get(file);
      return text === undefined ? [] : [{ path: file, text }];
    });
  }

  /** Registered files are files and their folders folders; the host says for the rest. */
  private readonly pathKind: PathKind = (file) => {
    if (this.kinds.has(file)) return 'file';
    const inside = file.endsWith(path.sep) ? file : file + path.sep;
    for (const known of this.kinds.keys()) if (known.startsWith(inside)) return 'folder';
    return this.host.pathKind?.(file);
  };
}

interface ParsedFile {
  path: string;
  lines: LineIndex;
  /** Absent for companion files (catalina.properties), whose problems show where they are used. */
  problems?: ParseProblem[];
}

const emptyLines = new LineIndex('');

/** A snippet included from two places reports its own problems once. */
function dedupeProblems(problems: FileProblem[]): FileProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.path}:${p.problem.span.start}:${p.problem.span.end}:${p.problem.code}:${p.problem.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
