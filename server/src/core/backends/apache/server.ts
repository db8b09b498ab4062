// Apache httpd's endpoints: each <VirtualHost> with its KeepAlive and KeepAliveTimeout (its own,
// else the first virtual host of its address's, else the server's, else httpd's 5 s), and for the
// main configuration the Listen ports no virtual host takes. The raise writes `KeepAliveTimeout N`.
import * as path from 'node:path';
import type { Span } from '../../types';
import type { FileProblem } from '../../problems';
import { quoteToken } from '../../quote';
import { editAt, maxInt32, type BackendEndpoint, type IdleTimeout } from '../endpoint';
import { lastNamed, type ApacheDirective, type ApacheFile, type VirtualHost } from './config';
import { assumedVersions, keepAliveSource, keepAliveTimeoutDefaultMs, keepAliveTimeoutSource, parseApacheTimeout } from './defaults';

/** A main configuration: named so, or setting ServerRoot. */
export function isMainConfig(file: ApacheFile): boolean {
  return /^(?:httpd|apache2)\.conf$/.test(path.basename(file.path)) || lastNamed(file.config.server, 'ServerRoot') !== undefined;
}

/**
 * The files a main configuration's Include / IncludeOptional name, relative to ServerRoot, which in
 * a repository is the main file's folder (Debian's /etc/apache2) or the one above it (Red Hat's
 * /etc/httpd with conf/httpd.conf, the httpd image's /usr/local/apache2). A `*` in the last part
 * matches the registered files of that folder.
 */
export function includedPaths(main: ApacheFile, registeredUnder: (dir: string) => string[]): string[] {
  const roots = [path.dirname(main.path), path.dirname(path.dirname(main.path))];
  const paths: string[] = [];
  for (const directive of main.config.server) {
    if (!/^include(?:optional)?$/i.test(directive.name) || !directive.args[0]) continue;
    const written = directive.args[0].text;
    if (path.isAbsolute(written)) continue; // the running machine's path
    for (const root of roots) {
      const target = path.join(root, written);
      const base = path.basename(target);
      if (!base.includes('*')) paths.push(target);
      else {
        const pattern = new RegExp(`^${base.split('*').map(escape).join('[^/\\\\]*')}$`);
        const dir = path.dirname(target);
        for (const f of registeredUnder(dir)) if (path.dirname(f) === dir && pattern.test(path.basename(f))) paths.push(f);
      }
    }
  }
  return [...new Set(paths)];
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

interface Placed {
  directive: ApacheDirective;
  file: ApacheFile;
}

/** The server-level keep-alive directives in force: the main file's, with its includes read where they stand. */
function serverLevel(main: ApacheFile | undefined, included: ApacheFile[], own: ApacheFile): Placed[] {
  const placed: Placed[] = [];
  const byPath = new Map(included.map((f) => [f.path, f]));
  if (main) {
    for (const directive of main.config.server) {
      placed.push({ directive, file: main });
      if (!/^include(?:optional)?$/i.test(directive.name)) continue;
      for (const f of included) if (byPath.has(f.path)) for (const d of f.config.server) placed.push({ directive: d, file: f });
    }
  }
  if (own !== main) for (const directive of own.config.server) placed.push({ directive, file: own });
  return placed;
}

function lastPlaced(placed: Placed[], name: string): Placed | undefined {
  for (let i = placed.length - 1; i >= 0; i--) if (placed[i].directive.name.toLowerCase() === name.toLowerCase()) return placed[i];
  return undefined;
}

export function apacheEndpoints(
  file: ApacheFile,
  main: ApacheFile | undefined,
  included: ApacheFile[],
  rootDir: string,
  problems: FileProblem[],
): BackendEndpoint[] {
  const relative = path.relative(rootDir, file.path).split(path.sep).join('/');
  const server = serverLevel(main, included, file);
  const endpoints: BackendEndpoint[] = [];
  const firstOfAddress = new Map<string, VirtualHost>();
  for (const host of file.config.virtualHosts) {
    const address = host.addresses[0]?.text ?? '';
    if (!firstOfAddress.has(address)) firstOfAddress.set(address, host);
    const own = (name: string) => lastNamed(host.directives, name);
    const first = firstOfAddress.get(address)!;
    const timeout =
      placedIn(own('KeepAliveTimeout'), file) ??
      placedIn(lastNamed(first.directives, 'KeepAliveTimeout'), file) ??
      lastPlaced(server, 'KeepAliveTimeout');
    const keepAlive = placedIn(own('KeepAlive'), file) ?? lastPlaced(server, 'KeepAlive');
    const port = portOf(address);
    endpoints.push(
      endpoint(file, relative, `VirtualHost ${address || '(no address)'}`, host.open, port, timeout, keepAlive, problems, {
        at: host.open.end,
        line: `${host.indent}KeepAliveTimeout`,
      }),
    );
  }
  // The main server: Listen ports no virtual host of the configuration takes.
  if (file === main || (!main && file.config.virtualHosts.length === 0)) {
    const hostPorts = new Set([file, ...included].flatMap((f) => f.config.virtualHosts.map((h) => portOf(h.addresses[0]?.text ?? ''))));
    for (const listen of server.filter((p) => /^listen$/i.test(p.directive.name))) {
      const port = portOf(listen.directive.args[0]?.text ?? '');
      if (port === undefined || hostPorts.has(port)) continue;
      endpoints.push(
        endpoint(
          file,
          relative,
          `Listen ${port}`,
          listen.directive.span,
          port,
          lastPlaced(server, 'KeepAliveTimeout'),
          lastPlaced(server, 'KeepAlive'),
          problems,
          {
            at: listen.directive.span.end,
            line: 'KeepAliveTimeout',
          },
        ),
      );
    }
  }
  return endpoints;
}

const placedIn = (directive: ApacheDirective | undefined, file: ApacheFile): Placed | undefined => directive && { directive, file };

/** `*:8080`, `[::1]:8080`, `10.0.0.1:8080`, `8080` (Listen); no port written: undefined. */
function portOf(address: string): number | undefined {
  const m = /(?:^|:)(\d{1,5})$/.exec(address);
  const port = m ? Number(m[1]) : NaN;
  return port > 0 && port < 65536 ? port : undefined;
}

function endpoint(
  file: ApacheFile,
  relative: string,
  what: string,
  span: Span,
  port: number | undefined,
  timeout: Placed | undefined,
  keepAlive: Placed | undefined,
  problems: FileProblem[],
  addAt: { at: number; line: string },
): BackendEndpoint {
  const off = keepAlive !== undefined && keepAlive.directive.args[0]?.text.toLowerCase() === 'off';
  const idle = idleOf(file, span, timeout, problems);
  const zero = idle.ms === 0;
  return {
    kind: 'apache',
    serverName: 'Apache httpd',
    noun: 'virtual host',
    label: `${relative}, Apache httpd ${what}`,
    key: `${file.path}:${span.start}`,
    file: { path: file.path },
    span,
    nameSpan: span,
    port,
    hosts: [],
    protocol: 'http',
    keepsAlive: !off && !zero,
    noKeepAliveReason: off
      ? `KeepAlive Off (${path.basename(keepAlive!.file.path)}) closes every connection after its response`
      : zero
        ? 'KeepAliveTimeout 0 turns keep-alive off'
        : undefined,
    idle,
    raise: {
      setting: 'Apache KeepAliveTimeout',
      maxMs: maxInt32 * 1000,
      display: (ms) => (ms % 1000 === 0 ? `${ms / 1000}` : `${ms}ms`),
      edits: (ms, locate) => {
        const value = ms % 1000 === 0 ? `${ms / 1000}` : `${Math.ceil(ms)}ms`;
        const written = timeout?.directive.args[0];
        if (timeout && written) return editAt(locate(timeout.file.path, written.span), value);
        const eol = file.text.includes('\r\n') ? '\r\n' : '\n';
        return editAt(locate(file.path, { start: addAt.at, end: addAt.at }), `${eol}${addAt.line} ${value}`);
      },
    },
  };
}

function idleOf(file: ApacheFile, span: Span, timeout: Placed | undefined, problems: FileProblem[]): IdleTimeout {
  if (!timeout)
    return {
      ms: keepAliveTimeoutDefaultMs,
      never: false,
      origin: 'default',
      description: 'httpd default, KeepAliveTimeout unset',
      assumed: { versions: assumedVersions, source: `${keepAliveTimeoutSource}; ${keepAliveSource}` },
      path: file.path,
      span,
    };
  const word = timeout.directive.args[0];
  // TAKE1: httpd refuses a second argument ("KeepAliveTimeout takes one argument").
  const ms = word && timeout.directive.args.length === 1 ? parseApacheTimeout(word.text) : undefined;
  if (ms === undefined && timeout.file === file)
    problems.push({
      path: timeout.file.path,
      lines: timeout.file.lines,
      problem: {
        code: 'invalid-value',
        severity: 'error',
        span: word?.span ?? timeout.directive.span,
        message:
          timeout.directive.args.length === 1
            ? `KeepAliveTimeout "${quoteToken(word!.text)}" is no time httpd reads (seconds, or 500ms): httpd refuses to start`
            : 'KeepAliveTimeout takes one argument: httpd refuses to start',
      },
    });
  const where = timeout.file === file ? '' : ` in ${path.basename(timeout.file.path)}`;
  return {
    ms,
    never: false,
    origin: 'written',
    setting: 'KeepAliveTimeout',
    description: `KeepAliveTimeout${where}`,
    assumed: { versions: assumedVersions, source: keepAliveTimeoutSource },
    path: timeout.file.path,
    span: word?.span ?? timeout.directive.span,
    unknown: ms === undefined ? 'not a time httpd reads' : undefined,
  };
}
