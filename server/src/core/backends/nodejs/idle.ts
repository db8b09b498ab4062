// When a Node.js server closes idle connections, said the same way for every framework: the
// keepAliveTimeout that decides plus the buffer Node.js adds, and where each value comes from.
import type { Span } from '../../types';
import type { BackendRuntime } from '../kind';
import { maxInt32, type BackendEndpoint, type IdleTimeout, type IdleTimeoutRaise } from '../endpoint';
import { defaultKeepAliveMs, keepAliveDefaults } from './defaults';
import type { NodeVersion } from './version';

export const versionWords = (version: NodeVersion) =>
  version.from
    ? `Node.js ${version.major} (${version.from})`
    : `Node.js ${version.major} assumed (no FROM node:, .nvmrc, .node-version or one-line engines.node says which; the newest LTS line)`;

/** A number from the environment, when the variable is set there to one. */
export function fromEnvironment(name: string | undefined, runtime: BackendRuntime | undefined) {
  const set = name === undefined ? undefined : runtime?.environment.get(name);
  if (!set) return undefined;
  const n = /^\s*\d+\s*$/.test(set.value) ? Number(set.value) : undefined;
  return { ...set, number: n, name: name! };
}

/** Node.js's own default for the version, underlining the call that starts the server. */
export function defaultIdle(version: NodeVersion, buffer: number, file: string, span: Span): IdleTimeout {
  const ms = defaultKeepAliveMs(version.major);
  const idle = idleOf(ms, buffer, version, `Node.js default keepAliveTimeout ${ms} ms, ${versionWords(version)}`, 'default');
  return { ...idle, path: file, span, assumed: { versions: `Node.js ${version.major}`, source: keepAliveDefaults.source } };
}

/** When Node.js closes: keepAliveTimeout + its buffer; 0 never times out (resOnFinish sets no timer). */
export function idleOf(
  keepAliveMs: number | undefined,
  buffer: number,
  version: NodeVersion,
  description: string,
  origin: IdleTimeout['origin'],
): IdleTimeout {
  const never = keepAliveMs === 0;
  const closes = keepAliveMs === undefined || never ? undefined : keepAliveMs + buffer;
  const whose = version.from ? `Node.js ${version.major}'s` : `the assumed Node.js ${version.major}'s`;
  const closing =
    closes === undefined
      ? ''
      : buffer > 0
        ? `, closing at ${closes} ms with ${whose} ${buffer} ms keepAliveTimeoutBuffer`
        : `, closing then (Node.js ${version.major} is taken to add no keepAliveTimeoutBuffer)`;
  return {
    ms: closes,
    never,
    origin,
    setting: origin === 'default' ? undefined : 'keepAliveTimeout',
    description: `${description}${never ? ' (0: no keep-alive timeout, idle connections stay open)' : closing}`,
    path: '',
    span: { start: 0, end: 0 },
  };
}

/** A Node.js server as an endpoint: declared at `span` of `file`, closing as `idle` says. */
export function serverEndpoint(
  where: { file: string; span: Span; key: string; label: string },
  port: number | undefined,
  idle: IdleTimeout,
  buffer: number,
  raise: Omit<IdleTimeoutRaise, 'maxMs'>,
): BackendEndpoint {
  return {
    kind: 'nodejs',
    serverName: 'Node.js',
    noun: 'server',
    label: where.label,
    key: where.key,
    file: { path: where.file },
    span: where.span,
    nameSpan: where.span,
    port,
    hosts: [],
    protocol: 'http',
    keepsAlive: true,
    idle,
    // Node's timers take at most 2^31-1 ms (a longer one fires after 1 ms); the buffer is added to it.
    raise: { ...raise, maxMs: maxInt32 - buffer },
  };
}
