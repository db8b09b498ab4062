// A real LSP client over stdio (vscode-jsonrpc + the protocol's types) driving the built server.
import { spawn, type ChildProcess } from 'node:child_process';
import { Waiters } from './waiters';
import * as path from 'node:path';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import {
  CodeActionRequest,
  ConfigurationRequest,
  DidChangeConfigurationNotification,
  HoverRequest,
  InitializeRequest,
  InitializedNotification,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  WorkDoneProgressCreateRequest,
  type CodeAction,
  type Diagnostic,
  type Hover,
  type PublishDiagnosticsParams,
  type WorkspaceEditClientCapabilities,
} from 'vscode-languageserver-protocol';
import { pathToFileURL } from 'node:url';

export const serverModule = path.resolve(__dirname, '../../../dist/server.js');

export class TestClient {
  readonly connection: MessageConnection;
  readonly diagnostics = new Map<string, Diagnostic[]>();
  readonly registrations: unknown[] = [];
  readonly notifications: { method: string; params: unknown; seq: number }[] = [];
  /** Every publishDiagnostics's URI, in the order received, with its place on the count of `notifications[].seq`. */
  readonly published: { uri: string; seq: number }[] = [];
  private seq = 0;
  private readonly process: ChildProcess;
  private readonly waiters = new Waiters(() => this.stderr);
  stderr = '';

  /**
   * `settings`: the `timeoutChain` section it answers with (a test may change it, then send
   * didChangeConfiguration). `options.likeVsCode`: as vscode-languageclient does, send a
   * didChangeConfiguration as soon as the server registers for it. `options.workspaceEdit`: the
   * workspace edits it says it applies (none beyond `changes` when absent).
   */
  constructor(
    public settings: Record<string, unknown> = {},
    private readonly filesExclude: Record<string, boolean> = {},
    private readonly options: { likeVsCode?: boolean; workspaceEdit?: WorkspaceEditClientCapabilities } = {},
  ) {
    this.process = spawn(process.execPath, [serverModule, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.process.stderr!.on('data', (chunk) => (this.stderr += chunk));
    this.connection = createMessageConnection(new StreamMessageReader(this.process.stdout!), new StreamMessageWriter(this.process.stdin!));
    this.connection.onNotification(PublishDiagnosticsNotification.type, (params: PublishDiagnosticsParams) => {
      this.diagnostics.set(params.uri, params.diagnostics);
      this.published.push({ uri: params.uri, seq: this.seq++ });
      this.notify();
    });
    this.connection.onNotification((method, params) => {
      this.notifications.push({ method, params, seq: this.seq++ });
      this.notify();
    });
    this.connection.onRequest(ConfigurationRequest.type, (params) =>
      params.items.map((item) =>
        item.section === 'timeoutChain' ? this.settings : item.section === 'files.exclude' ? this.filesExclude : null,
      ),
    );
    this.connection.onRequest(RegistrationRequest.type, (params) => {
      this.registrations.push(...params.registrations);
      if (this.options.likeVsCode && params.registrations.some((r) => r.method === DidChangeConfigurationNotification.method)) {
        setImmediate(() => void this.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null }));
      }
    });
    this.connection.onRequest(WorkDoneProgressCreateRequest.type, () => undefined);
    this.connection.listen();
  }

  async start(folder: string): Promise<void> {
    await this.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: uri(folder),
      workspaceFolders: [{ uri: uri(folder), name: path.basename(folder) }],
      capabilities: {
        workspace: {
          configuration: true,
          didChangeWatchedFiles: { dynamicRegistration: true },
          workspaceFolders: true,
          workspaceEdit: this.options.workspaceEdit,
        },
        window: { workDoneProgress: true },
        textDocument: {
          publishDiagnostics: { relatedInformation: true, codeDescriptionSupport: true },
          codeAction: { isPreferredSupport: true },
        },
      },
    });
    await this.connection.sendNotification(InitializedNotification.type, {});
  }

  private notify(): void {
    this.waiters.wake();
  }

  /** Resolves when `condition` holds, checked after every message; rejects after `ms`. */
  waitFor<T>(description: string, condition: () => T | undefined | false, ms = 10_000): Promise<T> {
    return this.waiters.waitFor(description, condition, ms);
  }

  /** The status notifications the server sent with this state, in order. */
  statuses(state: 'scanning' | 'ready'): { seq: number; filesRead?: number }[] {
    return this.notifications
      .filter((n) => n.method === 'timeoutChain/status' && (n.params as { state?: string }).state === state)
      .map((n) => ({ seq: n.seq, filesRead: (n.params as { filesRead?: number }).filesRead }));
  }

  /** The server's log lines (window/logMessage), in order. */
  logs(): string[] {
    return this.notifications.filter((n) => n.method === 'window/logMessage').map((n) => (n.params as { message: string }).message);
  }

  diagnosticsOf(file: string): (Diagnostic & { message: string })[] {
    // This server sends plain-text messages (LSP 3.18 also allows MarkupContent).
    return (this.diagnostics.get(uri(file)) ?? []) as (Diagnostic & { message: string })[];
  }

  /** The hover's text at a position of a file. */
  async hoverText(file: string, position: { line: number; character: number }): Promise<string> {
    const hover = (await this.connection.sendRequest(HoverRequest.type, { textDocument: { uri: uri(file) }, position })) as Hover | null;
    return (hover?.contents as { value: string } | undefined)?.value ?? '';
  }

  /** The code actions offered for a diagnostic of a file. */
  async actionsFor(file: string, diagnostic: Diagnostic): Promise<CodeAction[]> {
    return (await this.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: uri(file) },
      range: diagnostic.range,
      context: { diagnostics: [diagnostic] },
    })) as CodeAction[];
  }

  async stop(): Promise<void> {
    try {
      await this.connection.sendRequest('shutdown');
      await this.connection.sendNotification('exit');
    } finally {
      this.connection.dispose();
      this.process.kill();
    }
  }
}

export function uri(file: string): string {
  return pathToFileURL(file).href;
}
