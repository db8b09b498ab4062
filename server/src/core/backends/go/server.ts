// A Go HTTP server as an endpoint: its port, when it closes an idle connection (net/http's
// IdleTimeout, else ReadTimeout, else never; echo v5's 30 s; fiber's likewise through fasthttp),
// and the raise written in Go.
import * as path from 'node:path';
import type { Span, TextEdit } from '../../types';
import type { LineIndex } from '../../text';
import type { FileProblem } from '../../problems';
import type { BackendRuntime } from '../kind';
import { editAt, type BackendEndpoint, type IdleTimeout, type Locator } from '../endpoint';
import type { GoServer, GoSourceFile } from './source';
import { addressOf, durationOf, goDuration, type GoDuration } from './values';
import {
  echoV4Source,
  echoV5ReadTimeoutMs,
  echoV5Source,
  fiberSource,
  ginDefaultPort,
  ginRunSource,
  namedPorts,
  netHttpIdleSource,
  zeroServerSource,
} from './defaults';

export type GoSource = GoSourceFile & { lines: LineIndex };

/** Go's durations are int64 nanoseconds: about 292 years. */
const maxGoDurationMs = 9_223_372_036_854;

const frameworkWords: Record<GoServer['framework'], string> = {
  'net/http': 'net/http server',
  gin: 'gin server (net/http)',
  echo: 'echo v4 server (net/http)',
  'echo/v5': 'echo v5 server (net/http)',
  fiber: 'fiber app (fasthttp)',
};

export function goEndpoints(
  source: GoSource,
  goVersion: string,
  versionFromModule: boolean,
  rootDir: string,
  problems: FileProblem[],
  runtime?: BackendRuntime,
): BackendEndpoint[] {
  const relative = path.relative(rootDir, source.path).split(path.sep).join('/');
  return source.servers.map((server) => {
    const port = portOf(server, source, runtime);
    const decision = decide(server, source);
    if (decision.by !== 'default' && decision.duration.ns === undefined)
      problems.push({
        path: source.path,
        lines: source.lines,
        problem: {
          code: 'go-source',
          severity: 'info',
          span: decision.duration.written.span,
          message: `Go's ${decision.by} is set in code, value not known here: it is not checked`,
        },
      });
    const version = `Go ${goVersion}${versionFromModule ? '' : ' (no go line in go.mod: assumed)'}`;
    return {
      kind: 'go',
      serverName: server.framework === 'fiber' ? 'fiber' : 'Go',
      noun: 'server',
      label: `${relative}, Go ${frameworkWords[server.framework]} on port ${port ?? 'unknown'}`,
      key: `${source.path}:${server.span.start}`,
      file: { path: source.path },
      span: server.span,
      nameSpan: server.span,
      port,
      hosts: [],
      protocol: 'http',
      keepsAlive: server.keepAlivesOff === undefined,
      noKeepAliveReason: server.keepAlivesOff
        ? server.framework === 'fiber'
          ? 'DisableKeepalive: true closes every connection after its response'
          : 'SetKeepAlivesEnabled(false) closes every connection after its response'
        : undefined,
      idle: idleOf(decision, server, source, version),
      raise: {
        setting: server.framework === 'fiber' ? 'fiber IdleTimeout' : 'Go IdleTimeout',
        maxMs: maxGoDurationMs,
        display: (ms) => goDuration(ms, true),
        edits: (ms, locate) => raiseEdits(decision, server, source, ms, locate),
      },
    };
  });
}

type Decision =
  { by: 'IdleTimeout' | 'ReadTimeout'; duration: GoDuration } | { by: 'default'; ms?: number; source: string; description: string };

/** IdleTimeout when non-zero, else ReadTimeout (net/http and fasthttp alike), else the framework's default. */
function decide(server: GoServer, source: GoSourceFile): Decision {
  const idle = server.idle && durationOf(server.idle, source);
  if (idle && idle.ns !== 0) return { by: 'IdleTimeout', duration: idle };
  const read = server.read && durationOf(server.read, source);
  if (read && read.ns !== 0) return { by: 'ReadTimeout', duration: read };
  switch (server.framework) {
    case 'echo/v5':
      return {
        by: 'default',
        ms: echoV5ReadTimeoutMs,
        source: echoV5Source,
        description: 'echo v5 Start sets ReadTimeout 30s, IdleTimeout unset',
      };
    case 'fiber':
      return { by: 'default', source: fiberSource, description: 'fiber.Config sets no IdleTimeout or ReadTimeout: unlimited' };
    case 'gin':
      return { by: 'default', source: ginRunSource, description: "gin's Run serves a Server with no timeouts" };
    case 'echo':
      return { by: 'default', source: echoV4Source, description: "echo's e.Server sets no IdleTimeout or ReadTimeout" };
    default:
      return server.literal
        ? { by: 'default', source: netHttpIdleSource, description: 'IdleTimeout and ReadTimeout unset: no idle deadline' }
        : { by: 'default', source: zeroServerSource, description: 'http.ListenAndServe serves a zero Server: no idle deadline' };
  }
}

function idleOf(decision: Decision, server: GoServer, source: GoSourceFile, version: string): IdleTimeout {
  if (decision.by === 'default')
    return {
      ms: decision.ms,
      never: decision.ms === undefined,
      origin: 'default',
      description: decision.description,
      assumed: { versions: version, source: decision.source },
      path: source.path,
      span: server.span,
    };
  const { ns, written } = decision.duration;
  const never = ns !== undefined && ns < 0; // a negative duration: no deadline (go-review CL 570396)
  return {
    ms: ns === undefined || never ? undefined : ns / 1e6,
    never,
    origin: 'code',
    setting: decision.by,
    description: `${decision.by}${decision.by === 'ReadTimeout' ? ', IdleTimeout unset' : ''} in ${path.basename(source.path)}`,
    assumed: { versions: version, source: server.framework === 'fiber' ? fiberSource : netHttpIdleSource },
    path: source.path,
    span: written.span,
    unknown: ns === undefined ? 'set in code, value not known' : undefined,
  };
}

function portOf(server: GoServer, source: GoSourceFile, runtime: BackendRuntime | undefined): number | undefined {
  if (server.ginDefaultAddr) {
    const port = runtime?.environment.get('PORT')?.value;
    return port !== undefined && /^\d+$/.test(port) ? Number(port) : ginDefaultPort;
  }
  if (!server.addr) return server.framework === 'net/http' ? namedPorts.http : undefined; // Addr "": ":http"
  return addressOf(server.addr, source, runtime).port;
}

/**
 * The duration rewritten where it is written; else `IdleTimeout:` added to the literal, or an
 * assignment added after the one setting ReadTimeout. None for a default (echo v5's Start).
 */
function raiseEdits(decision: Decision, server: GoServer, source: GoSourceFile, ms: number, locate: Locator): TextEdit[] | undefined {
  const value = goDuration(ms, source.importsTime);
  if (decision.by === 'IdleTimeout')
    return decision.duration.ns === undefined ? undefined : editAt(locate(source.path, decision.duration.written.span), value);
  if (decision.by === 'ReadTimeout' && decision.duration.ns === undefined) return undefined;
  // IdleTimeout written as zero: rewritten; else added.
  if (server.idle) return editAt(locate(source.path, durationOf(server.idle, source).written.span), value);
  if (server.literal) {
    const at: Span = { start: server.literal.open + 1, end: server.literal.open + 1 };
    const field = `IdleTimeout: ${value},`;
    return editAt(
      locate(source.path, at),
      server.literal.fieldIndent !== undefined ? `\n${server.literal.fieldIndent}${field}` : `${field} `,
    );
  }
  if (server.variable && server.lastAssignmentEnd !== undefined && decision.by === 'ReadTimeout') {
    const at: Span = { start: server.lastAssignmentEnd, end: server.lastAssignmentEnd };
    return editAt(locate(source.path, at), `\n${server.assignmentIndent ?? ''}${server.variable}.IdleTimeout = ${value}`);
  }
  return undefined;
}
