// uWSGI's sockets as endpoints, with when each closes an idle connection, and the raise written as
// an ini line or a Sentry dict entry.
import * as path from 'node:path';
import type { Span } from '../../types';
import { editAt, maxInt32, type BackendEndpoint, type EndpointProtocol, type IdleTimeout } from '../endpoint';
import type { UwsgiFile, UwsgiOption } from './options';
import {
  assumedVersions,
  http11DefaultS,
  http11Source,
  httpSocketSource,
  routerSource,
  routerTimeoutDefaultS,
  routerTimeoutSource,
  sentryHttpTimeoutS,
} from './defaults';

interface Placed extends UwsgiOption {
  /** Written in the file (a raise can edit it), on the command line, or added by Sentry's runner. */
  from: 'file' | 'command' | 'sentry';
}

export function uwsgiEndpoints(file: UwsgiFile, command: UwsgiOption[], rootDir: string, runtime?: string): BackendEndpoint[] {
  const source = file.source;
  const placed: Placed[] = [
    ...source.options.map((o) => ({ ...o, from: 'file' as const })),
    ...command.map((o) => ({ ...o, from: 'command' as const })),
  ];
  const sentry = source.format === 'sentry';
  if (sentry) applySentryDefaults(placed, source.sentryHost, source.sentryPort);
  // Each option's last value, found once: a file may hold thousands of sockets.
  const last = lastOf(placed, (o) => o.value !== undefined);
  const lastNumber = lastOf(placed, (o) => o.value !== undefined && o.value !== true);
  const lastWritten = lastOf(placed, (o) => o.from === 'file' && o.valueSpan !== undefined);
  const relative = path.relative(rootDir, file.path).split(path.sep).join('/');
  const endpoints: BackendEndpoint[] = [];
  for (const option of placed) {
    if (option.value === undefined || typeof option.value !== 'string') continue;
    const kind = socketKinds[option.key];
    if (!kind) continue;
    const port = portOf(option.value);
    const span = option.keySpan ?? { start: 0, end: 0 };
    const base = {
      kind: 'uwsgi',
      serverName: 'uWSGI',
      noun: 'socket',
      label: `${relative}, uWSGI ${option.key} ${option.value}${option.from === 'command' ? ` (command of ${runtime ?? 'the deployment'})` : ''}`,
      key: `${file.path}:${span.start}:${option.key}:${option.value}`,
      file: { path: file.path },
      span,
      nameSpan: span,
      port,
      hosts: [],
      protocol: kind.protocol,
    };
    if (kind.keepsAlive === 'never') {
      endpoints.push({
        ...base,
        keepsAlive: false,
        noKeepAliveReason: kind.reason,
        idle: {
          never: true,
          origin: 'default',
          description: kind.reason!,
          path: file.path,
          span,
          assumed: { versions: assumedVersions, source: kind.source! },
        },
        raise: { setting: 'uWSGI', maxMs: 0, edits: () => undefined },
      });
      continue;
    }
    const setting = option.key === 'http' ? 'http-keepalive' : 'socket-timeout';
    const keepalive = option.key === 'http' ? last.get('http-keepalive') : undefined;
    const keepsAlive = option.key !== 'http' || (keepalive !== undefined && truthy(keepalive.value));
    const idle = idleOf(option.key, lastNumber, file, span);
    endpoints.push({
      ...base,
      keepsAlive,
      noKeepAliveReason: keepsAlive
        ? undefined
        : 'the http router answers with Connection: close unless http-keepalive is set (it is off by default)',
      idle,
      raise: {
        setting: `uWSGI ${setting}`,
        maxMs: maxInt32 * 1000,
        display: (ms) => `${Math.ceil(ms / 1000)}`,
        edits: (ms, locate) => {
          if (idle.origin === 'environment') return undefined; // the command line overrides any file: lowered on nginx instead
          const seconds = String(Math.ceil(ms / 1000));
          const written = lastWritten.get(setting);
          if (written && written.valueSpan) return editAt(locate(file.path, written.valueSpan), seconds);
          if (source.insertAt === undefined) return undefined;
          const line = source.format === 'sentry' ? `\n${source.indent}"${setting}": ${seconds},` : `\n${setting} = ${seconds}`;
          return editAt(locate(file.path, { start: source.insertAt, end: source.insertAt }), line);
        },
      },
    });
  }
  return endpoints;
}

const socketKinds: Record<string, { protocol: EndpointProtocol; keepsAlive: 'never' | 'maybe'; reason?: string; source?: string }> = {
  http: { protocol: 'http', keepsAlive: 'maybe' },
  'http11-socket': { protocol: 'http', keepsAlive: 'maybe' },
  'http-socket': {
    protocol: 'http',
    keepsAlive: 'never',
    reason: "uWSGI's http-socket closes the connection after every response",
    source: httpSocketSource,
  },
  socket: { protocol: 'uwsgi', keepsAlive: 'never', reason: 'the uwsgi protocol keeps no connection alive', source: routerSource },
  'uwsgi-socket': { protocol: 'uwsgi', keepsAlive: 'never', reason: 'the uwsgi protocol keeps no connection alive', source: routerSource },
};

const truthy = (value: string | boolean | undefined) =>
  value === true || (typeof value === 'string' && !/^(?:false|0|no|off)$/i.test(value));

/** The router: http-keepalive N > 1 seconds, else the headers timeout (http-headers-timeout, else http-timeout, else 60 s). http11-socket: socket-timeout (4 s). */
function idleOf(key: string, lastNumber: Map<string, Placed>, file: UwsgiFile, fallback: Span): IdleTimeout {
  const last = (k: string) => lastNumber.get(k);
  const chain =
    key === 'http'
      ? [
          { option: last('http-keepalive'), min: 2 },
          { option: last('http-headers-timeout'), min: 1 },
          { option: last('http-timeout'), min: 1 },
        ]
      : [{ option: last('socket-timeout'), min: 1 }];
  for (const { option, min } of chain) {
    if (!option) continue;
    const seconds = Number(option.value);
    if (!Number.isInteger(seconds) || seconds < min) continue;
    return {
      ms: seconds * 1000,
      never: false,
      origin: origins[option.from],
      setting: option.key,
      description: `${option.key}${descriptions[option.from]}`,
      assumed: { versions: assumedVersions, source: key === 'http' ? `${routerSource}; ${routerTimeoutSource}` : http11Source },
      path: file.path,
      span: option.valueSpan ?? fallback,
    };
  }
  const seconds = key === 'http' ? routerTimeoutDefaultS : http11DefaultS;
  return {
    ms: seconds * 1000,
    never: false,
    origin: 'default',
    description: key === 'http' ? 'uWSGI default http-timeout, http-keepalive without a number' : 'uWSGI default socket-timeout',
    assumed: { versions: assumedVersions, source: key === 'http' ? routerTimeoutSource : http11Source },
    path: file.path,
    span: fallback,
  };
}

/** What Sentry's runner adds with setdefault: protocol http, http-timeout 30, `<protocol>-socket` host:port. */
function applySentryDefaults(placed: Placed[], host: string | undefined, port: string | undefined): void {
  const has = (key: string) => placed.some((o) => o.key === key);
  if (!has('http-timeout')) placed.unshift({ key: 'http-timeout', value: String(sentryHttpTimeoutS), from: 'sentry' });
  const protocol = findLast(placed, (o) => o.key === 'protocol')?.value;
  const socket = `${typeof protocol === 'string' ? protocol : 'http'}-socket`;
  if (!has(socket) && port !== undefined) placed.push({ key: socket, value: `${host ?? ''}:${port}`, from: 'sentry' });
}

const origins = { file: 'written', command: 'environment', sentry: 'default' } as const;
const descriptions = { file: '', command: ' on the command line', sentry: " (Sentry's runner default)" } as const;

function portOf(address: string): number | undefined {
  const m = /:(\d{1,5})$/.exec(address.trim());
  const port = m ? Number(m[1]) : NaN;
  return port > 0 && port < 65536 ? port : undefined;
}

function findLast<T>(items: readonly T[], test: (item: T) => boolean): T | undefined {
  for (let i = items.length - 1; i >= 0; i--) if (test(items[i])) return items[i];
  return undefined;
}

/** The last option of each key passing a test. */
function lastOf(placed: readonly Placed[], test: (option: Placed) => boolean): Map<string, Placed> {
  const last = new Map<string, Placed>();
  for (const option of placed) if (test(option)) last.set(option.key, option);
  return last;
}
