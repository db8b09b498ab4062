// How the proxy modules' settings reach a route: which directives pass requests to a named upstream,
// and the HTTP version, Connection header and retry settings each of them sends, following nginx's
// inheritance (proxy_set_header is inherited only by levels that set none; scalars inherit normally).
import type { NginxDirective } from './ast';
import { quoteToken } from '../quote';
import { sameArguments } from './nodeMoves';
import type { ConfigNode, ConnectionSetting, PassAddress, ProxyRoute, RetrySettings, RouteProtocol, Setting } from './nodes';
import { memoized } from '../memo';

/** Blocks whose configuration is a new level of the proxy module's inheritance. */
export const levelBlocks = new Set(['http', 'server', 'location', 'if', 'limit_except']);

export interface Inherited {
  /** The configuration's upstream names, one string object per name (see `interned`): handed down, not inherited. */
  names: UpstreamNames;
  headers: ConfigNode[];
  /** The closest directive of each scalar name the model reads (scalars inherit normally). */
  scalars: Map<string, ConfigNode>;
  scopes: ConfigNode[];
}

/** The directive that sends requests to an upstream, per module, and how its target names one. */
export const passDirectives: Record<string, { protocol: RouteProtocol; target: RegExp }> = {
  proxy_pass: { protocol: 'http', target: /^https?:\/\/([^/:$]+)(?:\/.*)?$/ },
  grpc_pass: { protocol: 'grpc', target: /^(?:grpcs?:\/\/)?([^/:$]+)$/ },
  fastcgi_pass: { protocol: 'fastcgi', target: /^([^/:$]+)$/ },
  uwsgi_pass: { protocol: 'uwsgi', target: /^(?:s?uwsgi:\/\/)?([^/:$]+)$/ },
  scgi_pass: { protocol: 'scgi', target: /^([^/:$]+)$/ },
};

/** The directive prefix of each module's own copies of the upstream settings. */
const modulePrefix: Record<RouteProtocol, string> = { http: 'proxy', grpc: 'grpc', fastcgi: 'fastcgi', uwsgi: 'uwsgi', scgi: 'scgi' };

/** Scalar directives whose closest setting a route needs. */
export const scalarNames = new Set([
  'proxy_http_version',
  'fastcgi_keep_conn',
  'fastcgi_read_timeout',
  ...Object.values(modulePrefix).flatMap((m) =>
    ['_next_upstream', '_next_upstream_tries', '_next_upstream_timeout', '_request_buffering'].map((s) => m + s),
  ),
]);

/**
 * What the model ever reads from an include expansion: blocks, and directives of these names (map
 * entries: `''` and `default`). The checks add what they declare (CheckMeta.nginxDirectives); the
 * expansion leaves out the rest (see IncludeOptions.keep).
 */
export const readByModel: ReadonlySet<string> = new Set([
  ...levelBlocks,
  'upstream',
  'map',
  'proxy_set_header',
  'server_name',
  'server',
  'keepalive',
  'keepalive_timeout',
  '',
  'default',
  ...scalarNames,
  ...Object.keys(passDirectives),
]);

/** What an expansion keeps: blocks, and directives of the names given (the model's and the checks'). */
export function keepDirectives(names: ReadonlySet<string>): (directive: NginxDirective) => boolean {
  return (directive) => directive.block !== undefined || names.has(directive.name.value);
}

/**
 * Whether the model derives the same from two versions of a directive (see IncludeOptions.sameMeaning).
 * A header other than Connection counts only by being there (a level's own proxy_set_header
 * lines stop the outer ones from being inherited), so renaming or changing, say, X-Real-IP in a
 * snippet changes no route; anything else must read the same, word for word.
 */
export function sameForModel(before: NginxDirective, now: NginxDirective): boolean {
  if (before.name.value === 'proxy_set_header' && !isConnectionHeader(before) && !isConnectionHeader(now)) return true;
  return sameArguments(before, now);
}

function isConnectionHeader(directive: NginxDirective): boolean {
  return directive.args[0]?.value.toLowerCase() === 'connection';
}

/**
 * Upstream names, one string object per name: cheap to hash and compare over many routes. One
 * table per NginxConfigBuilder, so it goes with its workspace.
 */
export type UpstreamNames = Map<string, string>;

function interned(names: UpstreamNames, name: string): string {
  let same = names.get(name);
  if (same === undefined) names.set(name, (same = name));
  return same;
}

export interface LevelState {
  here: Inherited;
  outer: Inherited;
  definesHeaders: boolean;
}

function levelState(level: ConfigNode | undefined, children: ConfigNode[], outer: Inherited): LevelState {
  const ownHeaders = children.filter((c) => c.directive.name.value === 'proxy_set_header');
  const scalars = new Map(outer.scalars);
  for (const child of children) if (scalarNames.has(child.directive.name.value)) scalars.set(child.directive.name.value, child);
  const here: Inherited = {
    names: outer.names,
    headers: ownHeaders.length > 0 ? ownHeaders : outer.headers,
    scalars,
    scopes: level ? [...outer.scopes, level] : outer.scopes,
  };
  return { here, outer, definesHeaders: ownHeaders.length > 0 };
}

export function visitLevel(
  level: ConfigNode | undefined,
  children: ConfigNode[],
  outer: Inherited,
  routes: ProxyRoute[],
  maps: Map<string, ConfigNode>,
): void {
  const { here, definesHeaders } = levelState(level, children, outer);
  for (const child of children) visitChild(child, here, outer, definesHeaders, routes, maps);
}

export function visitChild(
  child: ConfigNode,
  here: Inherited,
  outer: Inherited,
  definesHeaders: boolean,
  routes: ProxyRoute[],
  maps: Map<string, ConfigNode>,
): void {
  const name = child.directive.name.value;
  if (name in passDirectives) {
    const route = readRoute(child, here, outer, definesHeaders, maps);
    if (route) routes.push(route);
  } else if (child.children && levelBlocks.has(name)) {
    visitLevel(child, child.children, here, routes, maps);
  }
}

function readRoute(
  node: ConfigNode,
  here: Inherited,
  outer: Inherited,
  definesHeaders: boolean,
  maps: Map<string, ConfigNode>,
): ProxyRoute | undefined {
  const pass = passDirectives[node.directive.name.value];
  const target = node.directive.args[0]?.value ?? '';
  const match = pass.target.exec(target);
  // fastcgi_pass also takes an address (`127.0.0.1:9000`, `unix:/run/php/php-fpm.sock`): nginx
  // makes an implicit upstream named by it. Other modules' addresses are not read.
  const address = match || pass.protocol !== 'fastcgi' ? undefined : readPassAddress(target);
  if (!match && !address) return undefined; // an address of another module, or variables: no named upstream
  const setting = (name: string): Setting => settingOf(here.scalars.get(name));
  const prefix = modulePrefix[pass.protocol];
  const retry: RetrySettings = {
    nextUpstream: setting(`${prefix}_next_upstream`),
    tries: setting(`${prefix}_next_upstream_tries`),
    timeout: setting(`${prefix}_next_upstream_timeout`),
    requestBuffering: setting(`${prefix}_request_buffering`),
  };
  const scopes = here.scopes;
  let connection: ConnectionSetting = notSet;
  if (pass.protocol === 'http') {
    connection = effectiveConnection(here.headers, maps);
    if (connection.value === undefined && definesHeaders) {
      // This level's own proxy_set_header lines replaced an outer list that did set Connection.
      const dropped = findConnectionHeader(outer.headers);
      if (dropped) connection = { droppedBy: here.headers[0], dropped };
    }
  }
  return {
    node,
    upstreamName: interned(here.names, match ? match[1] : target),
    ...(address ? { address } : {}),
    protocol: pass.protocol,
    scopes,
    retry,
    httpVersion: pass.protocol === 'http' ? setting('proxy_http_version') : notSet,
    connection,
    keepConn: pass.protocol === 'fastcgi' ? setting('fastcgi_keep_conn') : notSet,
    readTimeout: pass.protocol === 'fastcgi' ? setting('fastcgi_read_timeout') : notSet,
    // Read by messages and hovers only: most of thousands of routes never need it.
    get label() {
      return describeScopes(scopes);
    },
  };
}

/** `host:port`, `[v6]:port` or `unix:/path` as a pass directive's target (no variables); undefined otherwise. */
export function readPassAddress(text: string): PassAddress | undefined {
  if (text.includes('$')) return undefined;
  if (text.startsWith('unix:')) return text.length > 5 ? { host: text, socket: text.slice(5) } : undefined;
  const bracketed = /^\[([^\]]+)\]:(\d+)$/.exec(text);
  if (bracketed) return { host: bracketed[1], port: Number(bracketed[2]) };
  const plain = /^([^/:\s]+):(\d+)$/.exec(text);
  return plain ? { host: plain[1], port: Number(plain[2]) } : undefined;
}

/** Not set: nginx's default applies. One object for all, as a route has many settings. */
const notSet: Setting = {};
const settings = new WeakMap<ConfigNode, Setting>();

/** A scalar directive as a setting, one object per directive (routes inheriting it share it). */
function settingOf(node: ConfigNode | undefined): Setting {
  return node ? memoized(settings, node, (n) => ({ value: n.directive.args.map((a) => a.value).join(' '), node: n })) : notSet;
}

function findConnectionHeader(headers: ConfigNode[]): ConfigNode | undefined {
  let found: ConfigNode | undefined;
  for (const header of headers) {
    if (isConnectionHeader(header.directive)) found = header;
  }
  return found;
}

function effectiveConnection(headers: ConfigNode[], maps: Map<string, ConfigNode>): ConnectionSetting {
  const header = findConnectionHeader(headers);
  if (!header) return {};
  const value = header.directive.args[1]?.value ?? '';
  const variable = /^\$(\w+)$/.exec(value) ?? /^\$\{(\w+)\}$/.exec(value);
  const map = variable ? maps.get(`$${variable[1]}`) : undefined;
  if (!map) return { value, node: header };
  return { value: valueForPlainRequests(map), node: header, map };
}

/**
 * The value a map gives an ordinary request. The usual WebSocket map keys on $http_upgrade,
 * which is empty for plain requests, so the `''` entry wins over `default`.
 */
function valueForPlainRequests(map: ConfigNode): string {
  const entries = map.children ?? [];
  const keyedOnUpgrade = map.directive.args[0]?.value.toLowerCase() === '$http_upgrade';
  const empty = entries.find((e) => e.directive.name.value === '' && e.directive.name.quote !== undefined);
  if (keyedOnUpgrade && empty) return empty.directive.args[0]?.value ?? '';
  const fallback = entries.find((e) => e.directive.name.value === 'default');
  return fallback?.directive.args[0]?.value ?? '';
}

function describeScopes(scopes: ConfigNode[]): string {
  const parts: string[] = [];
  for (const scope of [...scopes].reverse()) {
    const d = scope.directive;
    const name = d.name.value;
    if (name === 'location' || name === 'if' || name === 'limit_except')
      parts.push(`${name} ${quoteToken(d.args.map((a) => a.raw).join(' '))}`);
    else if (name === 'server') {
      const serverName = scope.children?.find((c) => c.directive.name.value === 'server_name')?.directive.args[0]?.value;
      parts.push(serverName ? `server ${quoteToken(serverName)}` : 'server');
    }
  }
  return parts.length === 0 ? 'http' : parts.join(' in ');
}
