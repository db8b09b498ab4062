// The language server: keeps one core Workspace per workspace folder in step with the editor and
// the disk, and publishes every file's diagnostics, including files that were never opened.
import * as path from 'node:path';
import {
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  TextDocumentSyncKind,
  TextDocuments,
  type CodeAction,
  type Connection,
  type Diagnostic,
  type InitializeParams,
  type InitializeResult,
  type Position,
  type Range,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Workspace, type AnalysisResult } from '../core/workspace';
import { defaultSettings, type AnalysisSettings } from '../core/settings';
import type { Finding, Fix } from '../core/types';
import { nginxFolderNames } from '../core/classify';
import { isExcluded } from '../node/scan';
import { settingsFileName } from '../node/settingsFile';
import { diskWorkspace, rereadInto, scanInto } from '../node/analyzeFolder';
import { claimedPatterns, classifyDocument } from '../node/fileKinds';
import type { ReadBoundary } from '../node/boundary';
import type { SettingsFile } from '../core/settingsFile';
import { linkSummaries } from '../core/link';
import { canCreateFiles, toCodeAction, toDiagnostic, toDocumentSymbol, toPath, toUri } from './convert';
import { endpointHoverAt, definitionAt, findingHover, hoverAt, includeLinks, outline } from '../core/navigation';
import type { HoverContext } from '../core/hover';
import type { LineIndex } from '../core/text';
import type { Analysis } from '../core/analysis';
import type { NginxFile } from '../core/nginx/ast';
import { docsUri } from './docs';
import {
  analyzeWorkspaceRequest,
  commands,
  deploymentPatterns,
  statusNotification,
  type ApplyFixArgs,
  type LinkSummary,
  type StatusParams,
} from './protocol';
import { Scheduler } from './scheduler';
import { DelayedProgress } from './progress';
import { LocalProblemStream } from './localStream';
import {
  answerInvalid,
  codeActionParams,
  documentPosition,
  documentUri,
  fileChanges,
  initializeFolders,
  invalidParamsMethod,
  noParams,
} from './params';
import { SettingsSource } from './settingsSource';

interface Folder {
  rootDir: string;
  workspace: Workspace;
  settings: AnalysisSettings;
  result?: AnalysisResult;
  /** Made up for editors open outside every workspace folder: holds only those files, never scanned. */
  loose?: boolean;
  /** What the folder may read from disk. */
  boundary: ReadBoundary;
}

/** Files the server watches on disk; the client registers the same patterns when it cannot be asked. */
export const watchedPatterns = [
  '**/*.conf',
  ...claimedPatterns(), // what the backend kinds read: server.xml, catalina.properties, ...
  ...deploymentPatterns, // compose files, their .env, Dockerfiles
  ...nginxFolderNames.map((folder) => `**/${folder}/**`), // conf.d, sites-enabled, snippets, ...
  '**/*_params',
  '**/mime.types',
  '**/*.nginx',
  `**/${settingsFileName}`,
];

export class TimeoutChainServer {
  private readonly documents = new TextDocuments(TextDocument);
  private folders: Folder[] = [];
  /** Folders of editors open outside every workspace folder, by folder path. */
  private loose = new Map<string, Folder>();
  private looseSettings: AnalysisSettings = defaultSettings;
  private folderUris: string[] = [];
  private readonly published = new Map<string, string>();
  private readonly findingsByUri = new Map<string, { finding: Finding; diagnostic: Diagnostic }[]>();
  private readonly diagnostics = new WeakMap<Finding, Diagnostic>();
  private sentLinks: LinkSummary[] | undefined;
  private readonly scheduler = new Scheduler(() => this.analyzeAndPublish());
  private capabilities = { configuration: false, progress: false, watchers: false, folderChanges: false, createFiles: false };
  private scanning: Promise<void> | undefined;
  private readonly settingsSource: SettingsSource;

  constructor(private readonly connection: Connection) {
    this.settingsSource = new SettingsSource(connection, () => this.capabilities.configuration);
  }

  listen(): void {
    const c = this.connection;
    c.onInitialize((params) => this.initialize(params));
    c.onInitialized(() => void this.initialized());
    // Each handler checks its parameters first: malformed ones are answered with InvalidParams.
    c.onCodeAction((params) => this.codeActions(codeActionParams(params)));
    c.onDefinition((params) => {
      const { uri, position } = documentPosition(params);
      return this.withNginxFile(uri, [], (analysis, file) =>
        definitionAt(analysis, file, file.lines.offsetAt(position)).map((l) => ({ uri: toUri(l.file), range: l.range })),
      );
    });
    c.onDocumentSymbol((params) => this.withNginxFile(documentUri(params), [], (_analysis, file) => outline(file).map(toDocumentSymbol)));
    c.onHover((params) => {
      const { uri, position } = documentPosition(params);
      const context = this.hoverContext(uri);
      const model =
        this.withNginxFile(uri, undefined, (analysis, file) => hoverAt(analysis, file, file.lines.offsetAt(position), context)) ??
        this.withBackendFile(uri, (analysis, file) => endpointHoverAt(analysis, file.path, file.lines.offsetAt(position), context));
      // The chain's hover says all a race diagnostic's details say: each fact once.
      const details = this.diagnosticHovers(uri, position, model ? ['keepalive-race'] : []);
      const markdown = [...(model ? [model] : []), ...details].join('\n\n---\n\n');
      return markdown ? { contents: { kind: 'markdown' as const, value: markdown } } : null;
    });
    c.onDocumentLinks((params) =>
      this.withNginxFile(documentUri(params), [], (analysis, file) =>
        includeLinks(analysis, file).map((l) => ({ range: file.lines.rangeOf(l.span), target: toUri(l.target) })),
      ),
    );
    c.onDidChangeWatchedFiles((params) => {
      for (const change of fileChanges(params)) this.diskChanged(change.uri, change.type as FileChangeType);
    });
    // VS Code's client sends one of these as soon as the server registers for it, while the first
    // scan runs: only settings that differ from those the folders were read with call for a rescan.
    c.onDidChangeConfiguration((params) => {
      this.settingsSource.pushedByClient(params);
      void this.rescan(true);
    });
    c.onRequest(invalidParamsMethod, answerInvalid);
    c.onRequest(analyzeWorkspaceRequest, async (...args: unknown[]) => {
      noParams(analyzeWorkspaceRequest, args);
      await this.rescan();
      return this.status('ready', true);
    });
    this.documents.onDidChangeContent((e) => this.editorChanged(e.document));
    this.documents.onDidClose((e) => this.editorClosed(e.document.uri));
    this.documents.listen(c);
    c.listen();
  }

  private initialize(params: InitializeParams): InitializeResult {
    this.folderUris = initializeFolders(params, toUri);
    const caps = params.capabilities;
    this.capabilities = {
      configuration: !!caps.workspace?.configuration,
      progress: !!caps.window?.workDoneProgress,
      watchers: !!caps.workspace?.didChangeWatchedFiles?.dynamicRegistration,
      folderChanges: !!caps.workspace?.workspaceFolders,
      createFiles: canCreateFiles(caps),
    };
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        codeActionProvider: { codeActionKinds: ['quickfix'] },
        definitionProvider: true,
        documentSymbolProvider: true,
        hoverProvider: true,
        documentLinkProvider: { resolveProvider: false },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'timeout-chain' },
    };
  }

  /** Registers for what the client says it can do, and only that, then reads the folders. */
  private async initialized(): Promise<void> {
    try {
      if (this.capabilities.watchers) {
        await this.connection.client.register(DidChangeWatchedFilesNotification.type, {
          watchers: watchedPatterns.map((globPattern) => ({ globPattern })),
        });
      }
      if (this.capabilities.configuration)
        await this.connection.client.register(DidChangeConfigurationNotification.type, { section: ['timeoutChain', 'files.exclude'] });
      if (this.capabilities.folderChanges) {
        this.connection.workspace.onDidChangeWorkspaceFolders((e) => {
          this.folderUris = [...this.folderUris.filter((u) => !e.removed.some((r) => r.uri === u)), ...e.added.map((a) => a.uri)];
          void this.rescan();
        });
      }
    } catch (error) {
      // A client that refuses a registration still gets its diagnostics.
      this.connection.console.warn(`timeout-chain: ${error instanceof Error ? error.message : String(error)}`);
    }
    await this.rescan();
  }

  /**
   * Reads every folder from disk again (with the editors' unsaved texts on top) and re-publishes.
   * `ifSettingsChanged`: only when some folder's settings differ from those it was last read with.
   */
  private rescan(ifSettingsChanged = false): Promise<void> {
    const run = async () => {
      const started = Date.now();
      const wanted: { rootDir: string; settings: AnalysisSettings; file?: SettingsFile }[] = [];
      for (const uri of this.folderUris) {
        const rootDir = toPath(uri);
        if (rootDir) wanted.push({ rootDir, ...(await this.settingsSource.read(uri, rootDir)) });
      }
      const { settings: looseSettings } = await this.settingsSource.read(undefined, undefined);
      const same = (a: AnalysisSettings, b: AnalysisSettings) => JSON.stringify(a) === JSON.stringify(b);
      if (
        ifSettingsChanged &&
        same(looseSettings, this.looseSettings) &&
        wanted.length === this.folders.length &&
        wanted.every((w, i) => w.rootDir === this.folders[i].rootDir && same(w.settings, this.folders[i].settings))
      ) {
        this.connection.console.log('timeout-chain: settings unchanged, folders not read again');
        return;
      }
      this.looseSettings = looseSettings;
      const scanning = this.status('scanning');
      void this.connection.sendNotification(statusNotification, scanning);
      const progress = new DelayedProgress(this.connection, this.capabilities.progress, 'timeout-chain: reading configuration files');
      const folders: Folder[] = [];
      for (const { rootDir, settings, file: settingsFile } of wanted) {
        const { workspace, boundary } = diskWorkspace(rootDir, settings, settingsFile);
        let count = 0;
        const stream = new LocalProblemStream(
          workspace,
          (uri) => this.findingsByUri.has(uri),
          (uri, entries) => this.publish(uri, entries),
          (finding) => ({ finding, diagnostic: this.diagnosticOf(finding) }),
        );
        await scanInto(workspace, boundary, settings.exclude, (file) => {
          stream.read(file);
          if (++count % 200 === 0) {
            progress.report(`${count} files read`);
            void this.connection.sendNotification(statusNotification, { ...scanning, links: undefined, filesRead: count });
          }
        });
        stream.flush();
        folders.push({ rootDir, workspace, settings, boundary });
      }
      this.folders = folders;
      this.loose = new Map();
      for (const document of this.documents.all()) this.applyEditorText(document);
      progress.report('analysing');
      this.analyzeAndPublish();
      progress.done();
      this.connection.console.info(
        `timeout-chain: read ${folders.map((f) => f.workspace.files().length).reduce((a, b) => a + b, 0)} files in ${Date.now() - started} ms`,
      );
    };
    // One scan at a time; a request during a scan waits for it and scans again.
    this.scanning = (this.scanning ?? Promise.resolve()).then(run, run);
    return this.scanning;
  }

  private allFolders(): Folder[] {
    return this.loose.size === 0 ? this.folders : [...this.folders, ...this.loose.values()];
  }

  /** The workspace folder holding a file (the innermost), else the loose folder made for it. */
  private folderOf(file: string, makeLoose = false): Folder | undefined {
    let best: Folder | undefined;
    for (const folder of this.folders) {
      const relative = path.relative(folder.rootDir, file);
      if (!relative.startsWith('..') && !path.isAbsolute(relative) && (!best || folder.rootDir.length > best.rootDir.length)) best = folder;
    }
    return best ?? this.looseFolderOf(file, makeLoose);
  }

  /**
   * A client that opened a lone file, or named no folder at all, still gets its diagnostics: such a
   * file goes into a folder made for it, its own folder holding only the editors open in it, so that
   * nothing is scanned (a file opened from the home folder must not start a scan of it).
   */
  private looseFolderOf(file: string, make: boolean): Folder | undefined {
    const rootDir = path.dirname(file);
    let folder = this.loose.get(rootDir);
    if (!folder && make) {
      const settings = this.looseSettings;
      this.loose.set(rootDir, (folder = { ...diskWorkspace(rootDir, settings), rootDir, settings, loose: true }));
    }
    return folder;
  }

  /** Puts an editor's text into its folder's workspace. Returns whether the workspace took it. */
  private applyEditorText(document: TextDocument): boolean {
    const file = toPath(document.uri);
    const folder = file ? this.folderOf(file, true) : undefined;
    if (!file || !folder || isExcluded(folder.rootDir, file, folder.settings.exclude)) return false;
    const text = document.getText();
    const kind = classifyDocument(file, text, document.languageId);
    if (kind) folder.workspace.setFile(file, kind, text);
    else if (folder.workspace.has(file)) folder.workspace.setFile(file, 'nginx', undefined);
    folder.workspace.invalidate(file, false);
    return true;
  }

  private editorChanged(document: TextDocument): void {
    if (this.applyEditorText(document)) this.scheduler.request();
  }

  /** Closing an editor without saving brings back what is on disk; a loose file simply goes. */
  private editorClosed(uri: string): void {
    const file = toPath(uri);
    const folder = file ? this.folderOf(file) : undefined;
    if (!file || !folder?.loose) return this.diskChanged(uri, FileChangeType.Changed);
    folder.workspace.setFile(file, 'nginx', undefined);
    if (folder.workspace.files().length === 0) this.loose.delete(folder.rootDir);
    this.scheduler.request();
  }

  private diskChanged(uri: string, type: FileChangeType): void {
    const file = toPath(uri);
    if (!file) return;
    if (path.basename(file) === settingsFileName) {
      void this.rescan();
      return;
    }
    if (this.documents.get(uri)) return; // the editor's text wins over the disk's
    const folder = this.folderOf(file);
    if (!folder || isExcluded(folder.rootDir, file, folder.settings.exclude)) return;
    folder.workspace.invalidate(file, type !== FileChangeType.Changed);
    if (folder.loose && !folder.workspace.has(file)) return this.scheduler.request(); // an included file changed
    rereadInto(folder.workspace, folder.boundary, file); // through the read boundary, as the scan reads
    this.scheduler.request();
  }

  private analyzeAndPublish(): void {
    const byUri = new Map<string, { finding: Finding; diagnostic: Diagnostic }[]>();
    for (const folder of this.allFolders()) {
      folder.result = folder.workspace.analyze();
      for (const error of folder.result.internalErrors) this.connection.console.error(error);
      this.settingsSource.report(`analysis of ${folder.rootDir}`, folder.result.settingsErrors);
      for (const finding of folder.result.findings) {
        const uri = toUri(finding.location.file);
        const list = byUri.get(uri) ?? [];
        list.push({ finding, diagnostic: this.diagnosticOf(finding) });
        byUri.set(uri, list);
      }
    }
    // Publish only what changed, and clear files whose problems are gone. The analysis hands back
    // the same finding objects for what an edit did not touch, so most files compare by identity.
    for (const uri of new Set([...this.findingsByUri.keys(), ...byUri.keys()])) this.publish(uri, byUri.get(uri) ?? []);
    this.sendStatus('ready');
  }

  /** Publishes a file's findings unless they are those already published. */
  private publish(uri: string, entries: { finding: Finding; diagnostic: Diagnostic }[]): void {
    const before = this.findingsByUri.get(uri) ?? [];
    if (entries.length === 0) this.findingsByUri.delete(uri);
    else this.findingsByUri.set(uri, entries);
    if (entries.length === before.length && entries.every((e, i) => e.finding === before[i].finding)) return;
    const diagnostics = entries.map((e) => e.diagnostic);
    const key = JSON.stringify(diagnostics);
    if (this.published.get(uri) === key) return;
    void this.connection.sendDiagnostics({ uri, diagnostics });
    if (diagnostics.length === 0) this.published.delete(uri);
    else this.published.set(uri, key);
  }

  private diagnosticOf(finding: Finding): Diagnostic {
    let diagnostic = this.diagnostics.get(finding);
    if (!diagnostic) this.diagnostics.set(finding, (diagnostic = toDiagnostic(finding, docsUri)));
    return diagnostic;
  }

  private codeActions(params: { uri: string; range: Range }): CodeAction[] {
    const entries = this.findingsByUri.get(params.uri) ?? [];
    const actions: CodeAction[] = [];
    const titles = new Set<string>();
    for (const { finding, diagnostic } of entries) {
      if (!overlaps(diagnostic.range, params.range)) continue;
      for (const fix of finding.fixes) {
        if (titles.has(fix.title)) continue;
        // A fix that creates a file, offered to a client that cannot, would fail when chosen.
        if (fix.createsFiles?.length && !this.capabilities.createFiles) continue;
        if (!this.settingsEditsApply(fix)) continue;
        titles.add(fix.title);
        actions.push(toCodeAction(fix, diagnostic));
      }
    }
    return actions;
  }

  /**
   * Whether a fix's timeout-chain.json edits would take effect as made: that file is read for
   * workspace folders only (the folder made for a lone file reads none), and from disk, so edits
   * made on its disk text would land at the wrong places in an editor holding other, unsaved text.
   */
  private settingsEditsApply(fix: Fix): boolean {
    return fix.edits.every((edit) => {
      if (path.basename(edit.file) !== settingsFileName) return true;
      const folder = this.folderOf(edit.file);
      if (!folder || folder.loose) return false;
      const open = this.documents.get(toUri(edit.file));
      return !open || open.getText() === folder.result?.analysis.settingsFile?.text;
    });
  }

  /** Runs `answer` on the parsed nginx file behind a URI, as of the last analysis. */
  /** The details of the diagnostics published at `position`: what their first sentence leaves out. */
  private diagnosticHovers(uri: string, position: Position, except: string[]): string[] {
    const file = toPath(uri);
    const rootDir = file ? (this.folderOf(file)?.rootDir ?? path.dirname(file)) : '';
    return (this.findingsByUri.get(uri) ?? [])
      .filter(({ finding: { location, code } }) => contains(location.range, position) && !except.includes(code))
      .map(({ finding }) => findingHover(rootDir, finding));
  }

  /** The folder's findings, whose fixes the hover links to as client commands, and the chain view's command. */
  private hoverContext(uri: string): HoverContext {
    const file = toPath(uri);
    return {
      findings: (file && this.folderOf(file)?.result?.findings) || [],
      links: {
        fix: (finding, title) => {
          const { start } = finding.location.range;
          const args: ApplyFixArgs[] = [{ uri: toUri(finding.location.file), line: start.line, character: start.character, title }];
          // Parentheses would end the Markdown link: encodeURIComponent leaves them (and ' ! * ~) as they are.
          const encoded = encodeURIComponent(JSON.stringify(args)).replace(
            /[()'!*~]/g,
            (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`,
          );
          return `command:${commands.applyFix}?${encoded}`;
        },
        chains: `command:${commands.showChains}`,
      },
    };
  }

  private withNginxFile<T>(uri: string, none: T, answer: (analysis: Analysis, file: NginxFile) => T): T {
    const file = toPath(uri);
    const folder = file ? this.folderOf(file) : undefined;
    const analysis = folder?.result?.analysis;
    const parsed = analysis?.nginxFiles.find((f) => f.path === file);
    return analysis && parsed ? answer(analysis, parsed) : none;
  }

  /** A backend file or a file one reads (catalina.properties, application.yml), as the last analysis parsed it. */
  private withBackendFile<T>(uri: string, answer: (analysis: Analysis, file: { path: string; lines: LineIndex }) => T): T | undefined {
    const file = toPath(uri);
    const analysis = file ? this.folderOf(file)?.result?.analysis : undefined;
    const lines = file ? analysis?.lines(file) : undefined;
    return analysis && file && lines ? answer(analysis, { path: file, lines }) : undefined;
  }

  private status(state: StatusParams['state'], allLinks = false): StatusParams {
    const results = this.allFolders()
      .map((f) => f.result)
      .filter((r) => r !== undefined);
    return {
      state,
      nginxFiles: results.reduce((n, r) => n + r.analysis.nginxFiles.length, 0),
      // The protocol's names predate other backends: every backend kind's files and endpoints count.
      tomcatFiles: results.reduce((n, r) => n + r.analysis.backends.reduce((m, b) => m + b.files.length, 0), 0),
      upstreams: results.reduce((n, r) => n + r.analysis.configs.reduce((m, c) => m + c.http.upstreams.size, 0), 0),
      connectors: results.reduce((n, r) => n + r.analysis.endpoints.length, 0),
      linkCount: results.reduce((n, r) => n + r.analysis.links.length, 0),
      links: this.changedLinks(results, allLinks),
      problems: results.reduce((n, r) => n + r.findings.filter((f) => f.severity === 'error' || f.severity === 'warning').length, 0),
    };
  }

  /** The link summaries when they differ from the last ones sent (a large workspace has thousands). */
  private changedLinks(results: AnalysisResult[], always: boolean): LinkSummary[] | undefined {
    const links = results.flatMap((r) => linkSummaries(r.analysis.links));
    const last = this.sentLinks;
    const same =
      last !== undefined &&
      links.length === last.length &&
      links.every(
        (l, i) => l.upstream === last[i].upstream && l.connector === last[i].connector && l.via === last[i].via && l.how === last[i].how,
      );
    if (same && !always) return undefined;
    this.sentLinks = links;
    return links;
  }

  private sendStatus(state: StatusParams['state']): void {
    void this.connection.sendNotification(statusNotification, this.status(state));
  }
}

function overlaps(a: Diagnostic['range'], b: Diagnostic['range']): boolean {
  const before = (p: { line: number; character: number }, q: { line: number; character: number }) =>
    p.line < q.line || (p.line === q.line && p.character < q.character);
  return !before(a.end, b.start) && !before(b.end, a.start);
}

/** Whether a position lies in a range, ends included (an empty range holds its one point). */
function contains(range: Range, position: Position): boolean {
  const before = (a: Position, b: Position) => a.line < b.line || (a.line === b.line && a.character <= b.character);
  return before(range.start, position) && before(position, range.end);
}
