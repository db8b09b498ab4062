// A raw LSP client: JSON-RPC frames written and read by hand over the built server's stdio, so a
// test can send what a library client never would (malformed parameters, a string for params) and
// can play a minimal editor that declares no capabilities at all.
import { spawn, type ChildProcess } from 'node:child_process';
import { Waiters } from './waiters';
import { serverModule } from './lspClient';

export interface RawMessage {
  id?: number | string | null;
  method?: string;
  params?: unknown;
  result?: unknown;
  error?: { code: number; message: string };
}

/** Marks a request sent with no `params` member at all. */
export const absent = Symbol('absent');

export class RawClient {
  /** Every message the server sent, in order. */
  readonly received: RawMessage[] = [];
  private readonly process: ChildProcess;
  private buffer = Buffer.alloc(0);
  private nextId = 1;
  private readonly waiters = new Waiters(() => this.stderr);
  stderr = '';

  constructor() {
    this.process = spawn(process.execPath, [serverModule, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.process.stderr!.on('data', (chunk) => (this.stderr += chunk));
    this.process.stdout!.on('data', (chunk: Buffer) => this.read(chunk));
  }

  /** Whether the server process is still running. */
  get alive(): boolean {
    return this.process.exitCode === null && this.process.signalCode === null;
  }

  private read(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const headerEnd = this.buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const length = Number(/Content-Length: (\d+)/i.exec(this.buffer.subarray(0, headerEnd).toString('ascii'))?.[1]);
      if (this.buffer.length < headerEnd + 4 + length) return;
      const message = JSON.parse(this.buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString('utf8')) as RawMessage;
      this.buffer = this.buffer.subarray(headerEnd + 4 + length);
      this.received.push(message);
      // A request from the server (registration, configuration...): a minimal editor answers null.
      if (message.method !== undefined && message.id !== undefined) this.send({ jsonrpc: '2.0', id: message.id, result: null });
      this.waiters.wake();
    }
  }

  send(message: object): void {
    const body = Buffer.from(JSON.stringify(message), 'utf8');
    this.process.stdin!.write(Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]));
  }

  /** Sends a request with exactly these params (`absent`: no params member) and resolves with the response. */
  async request(method: string, params: unknown = absent, ms = 10_000): Promise<RawMessage> {
    const id = this.nextId++;
    this.send(params === absent ? { jsonrpc: '2.0', id, method } : { jsonrpc: '2.0', id, method, params });
    return this.waitFor(`the response to ${method} #${id}`, () => this.received.find((m) => m.id === id && m.method === undefined), ms);
  }

  notify(method: string, params?: unknown): void {
    this.send({ jsonrpc: '2.0', method, params });
  }

  /** Resolves when `condition` holds, checked after every message; rejects after `ms`. */
  waitFor<T>(description: string, condition: () => T | undefined | false, ms = 10_000): Promise<T> {
    return this.waiters.waitFor(description, condition, ms);
  }

  /** The last diagnostics published for a URI. */
  diagnostics(uri: string): { code?: unknown; message: string; severity?: number; range: unknown }[] {
    const last = this.received
      .filter((m) => m.method === 'textDocument/publishDiagnostics' && (m.params as { uri: string }).uri === uri)
      .at(-1);
    return (
      (last?.params as { diagnostics: { code?: unknown; message: string; severity?: number; range: unknown }[] } | undefined)
        ?.diagnostics ?? []
    );
  }

  /** The messages of the server's log (window/logMessage). */
  logs(): string[] {
    return this.received.filter((m) => m.method === 'window/logMessage').map((m) => (m.params as { message: string }).message);
  }

  async stop(): Promise<void> {
    try {
      if (this.alive) {
        await this.request('shutdown', absent, 5_000);
        this.notify('exit');
      }
    } finally {
      this.process.kill();
    }
  }
}
