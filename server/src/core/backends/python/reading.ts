// What each server reader gives the endpoint: whether it keeps connections alive, its idle
// timeout and where that was decided, where it listens, and where a raise would add the setting.
import type { Decided, Place, PythonCompanion } from './model';
import type { Word } from './command';
import type { PyCall } from './pyText';
import type { PythonServer } from './defaults';

/** Where a setting goes when nothing sets it yet. */
export type Addition =
  | { kind: 'append'; file: PythonCompanion; line: (seconds: number) => string }
  | { kind: 'flag'; program: Word; flag: string }
  | { kind: 'keyword'; file: PythonCompanion; call: PyCall; name: string }
  | { kind: 'create'; file: string; text: (seconds: number) => string };

export interface ServerReading {
  server: PythonServer;
  keepsAlive: boolean;
  noKeepAliveReason?: string;
  /** Seconds; undefined with `unknown` (a reason). */
  seconds?: number;
  unknown?: string;
  /** The layer that set the timeout; undefined: the default. */
  decided?: Decided;
  /** How messages say where the value comes from (without version words). */
  description: string;
  /** The default's source when a default (of this server or another one) decided. */
  defaultSource?: string;
  /** The setting a raise writes (`keepalive`), and the fix title's words for it. */
  raiseSetting: string;
  addition?: Addition;
  /** Where it listens. */
  port?: number;
  hosts: string[];
  socket?: string;
  /** The place a default underlines: the program word, else the dependency. */
  startedAt?: Place;
}

/** `0.0.0.0:8000`, `[::1]:8000`, `unix:/run/app.sock`, `fd://3`, `tcp://host:port`, `host` (port 8000), as gunicorn's parse_address reads them. */
export function parseBind(bind: string): { host?: string; port?: number; socket?: string } {
  if (/^unix:/.test(bind)) return { socket: bind.replace(/^unix:(?:\/\/)?/, '') };
  if (bind.startsWith('fd://')) return {};
  const address = bind.replace(/^tcp:\/\//, '');
  const v6 = /^\[([^\]]*)\](?::(.*))?$/.exec(address);
  const [host, port] = v6 ? [v6[1], v6[2] ?? '8000'] : address.includes(':') ? address.split(':') : [address || '0.0.0.0', '8000'];
  return { host: host.toLowerCase(), port: /^\d+$/.test(port) && Number(port) > 0 && Number(port) < 65536 ? Number(port) : undefined };
}

/** The endpoint's address from a list of binds: the first TCP port and Unix socket, every host. */
export function bindsOf(binds: string[]): { port?: number; hosts: string[]; socket?: string } {
  const parsed = binds.map(parseBind);
  return {
    port: parsed.find((b) => b.port !== undefined)?.port,
    hosts: [...new Set(parsed.flatMap((b) => (b.host ? [b.host] : [])))],
    socket: parsed.find((b) => b.socket)?.socket,
  };
}

/** A server that keeps connections alive, its timeout as read (seconds, or why not) and the layer that decided it. */
export function keptAlive(
  read: number | string,
  decided: Decided | undefined,
): Pick<ServerReading, 'keepsAlive' | 'seconds' | 'unknown' | 'decided'> {
  return {
    keepsAlive: true,
    seconds: typeof read === 'number' ? read : undefined,
    unknown: typeof read === 'string' ? read : undefined,
    decided,
  };
}
