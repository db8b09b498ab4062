// A language-server session over stdio that timestamps every publishDiagnostics and status
// notification, so the benchmark can say when the server finished. Every wait has a timeout.
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import {
  ConfigurationRequest,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  WorkDoneProgressCreateRequest,
  type Diagnostic,
  type TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol';
import { statusNotification, type StatusParams } from '../server/src/lsp/protocol';
import { bundleDir } from './nginxBinary';
import { nowMs } from './stats';

export const serverBundle = path.join(bundleDir, 'server.js');

export interface Publish {
  at: number;
  uri: string;
  diagnostics: Diagnostic[];
}

export class LspSession {
  readonly startedAt = nowMs();
  readonly publishes: Publish[] = [];
  readonly readyTimes: number[] = [];
  /** Latest diagnostics per URI. */
  readonly diagnostics = new Map<string, Diagnostic[]>();
  lastMessageAt = nowMs();
  private readonly child: ChildProcess;
  private readonly connection: MessageConnection;
  private stderr = '';
  private exited: string | undefined;
  private versions = new Map<string, number>();

  constructor() {
    this.child = spawn(process.execPath, [serverBundle, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stderr!.on('data', (chunk) => (this.stderr = (this.stderr + chunk).slice(-4000)));
    this.child.on('exit', (code, signal) => (this.exited = `server exited (code ${code}, signal ${signal})`));
    this.connection = createMessageConnection(new StreamMessageReader(this.child.stdout!), new StreamMessageWriter(this.child.stdin!));
    this.connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      this.lastMessageAt = nowMs();
      this.publishes.push({ at: this.lastMessageAt, uri: params.uri, diagnostics: params.diagnostics });
      this.diagnostics.set(params.uri, params.diagnostics);
    });
    this.connection.onNotification(statusNotification, (params: StatusParams) => {
      this.lastMessageAt = nowMs();
      if (params.state === 'ready') this.readyTimes.push(this.lastMessageAt);
    });
    this.connection.onNotification(() => {
      this.lastMessageAt = nowMs();
    });
    this.connection.onRequest(ConfigurationRequest.type, (params) => params.items.map(() => ({})));
    this.connection.onRequest(RegistrationRequest.type, () => undefined);
    this.connection.onRequest(WorkDoneProgressCreateRequest.type, () => undefined);
    this.connection.listen();
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  async start(folder: string): Promise<void> {
    const folderUri = pathToFileURL(folder).href;
    await this.withTimeout(
      'the initialize response',
      60_000,
      this.connection.sendRequest(InitializeRequest.type, {
        processId: process.pid,
        rootUri: folderUri,
        workspaceFolders: [{ uri: folderUri, name: path.basename(folder) }],
        capabilities: {
          workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true }, workspaceFolders: true },
          textDocument: {
            publishDiagnostics: { relatedInformation: true, codeDescriptionSupport: true },
            synchronization: { dynamicRegistration: false },
          },
        },
      }),
    );
    await this.connection.sendNotification(InitializedNotification.type, {});
  }

  /** Resolves when `done` holds (checked every few ms); rejects with what was awaited after `ms`. */
  async until(description: string, ms: number, done: () => boolean): Promise<void> {
    const deadline = nowMs() + ms;
    while (!done()) {
      if (this.exited) throw new Error(`${this.exited} while waiting for ${description}; stderr: ${this.stderr}`);
      if (nowMs() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${description}; stderr: ${this.stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
  }

  /** Waits until no message arrived for `quietMs` (at most `ms` in all). */
  quiet(quietMs: number, ms: number): Promise<void> {
    return this.until(`${quietMs} ms without messages`, ms, () => nowMs() - this.lastMessageAt >= quietMs);
  }

  async open(file: string): Promise<string> {
    const uri = pathToFileURL(file).href;
    this.versions.set(uri, 1);
    const languageId = /\.ya?ml$/.test(file) ? 'yaml' : (/\.(xml|java|properties)$/.exec(file)?.[1] ?? 'nginx');
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId, version: 1, text: fs.readFileSync(file, 'utf8') },
    });
    return uri;
  }

  async change(uri: string, changes: TextDocumentContentChangeEvent[]): Promise<void> {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version },
      contentChanges: changes,
    });
  }

  /** Peak resident memory of the server so far (VmHWM), in MB; NaN where /proc is missing. */
  peakMemoryMb(): number {
    try {
      const status = fs.readFileSync(`/proc/${this.child.pid}/status`, 'utf8');
      const kb = /VmHWM:\s+(\d+) kB/.exec(status)?.[1];
      return kb ? Number(kb) / 1024 : NaN;
    } catch {
      return NaN;
    }
  }

  async stop(): Promise<void> {
    try {
      if (!this.exited) {
        await this.withTimeout('the shutdown response', 10_000, this.connection.sendRequest('shutdown'));
        await this.connection.sendNotification('exit');
      }
    } catch {
      // A server that does not shut down cleanly is killed below; the figures are already taken.
    } finally {
      this.connection.dispose();
      if (!this.exited) this.child.kill('SIGKILL');
    }
  }

  private withTimeout<T>(description: string, ms: number, promise: Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>(
      (_, reject) =>
        (timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${description}; stderr: ${this.stderr}`)), ms)),
    );
    return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
  }
}
