// Does nginx reuse idle connections to an upstream? It needs a connection cache in the upstream
// block and, in a location proxying to it, HTTP/1.1 and a Connection header other than `close`.
import type { NginxConfig } from '../analysis';
import type { ConfigNode, ProxyRoute, UpstreamBlock } from './model';
import { proxyDefaults, type NginxVersion } from './version';

export interface RouteReuse {
  route: ProxyRoute;
  reuses: boolean;
  httpVersion: string;
  connection: string;
  /** Why this route does not reuse connections. */
  reason?: string;
}

export interface UpstreamReuse {
  reuses: boolean;
  /** Idle connections kept per worker (0: no cache). */
  cacheSize: number;
  /** The `keepalive` directive, or undefined when nginx's default applies. */
  cacheNode?: ConfigNode;
  routes: RouteReuse[];
  /** nginx's version defaults (not explicit directives) decided that connections are reused. */
  decidedByDefaults: boolean;
  /** Why nothing is reused, when it is not. */
  reason?: string;
}

/** nginx's default upstream keepalive_timeout. */
export const defaultUpstreamIdleMs = 60_000;

export function upstreamReuse(config: NginxConfig, upstream: UpstreamBlock, version: NginxVersion): UpstreamReuse {
  const defaults = proxyDefaults(version);
  const cacheSize = upstream.keepalive ? upstream.keepalive.count : defaults.keepalive;
  const routes = config.http.routes.filter((r) => r.upstreamName === upstream.name).map((route): RouteReuse => {
    const httpVersion = route.httpVersion.value ?? defaults.httpVersion;
    const connection = route.connection.value ?? defaults.connection;
    // HTTP/2 to the upstream (proxy_http_version 2, nginx-tests proxy_h2_keepalive.t) keeps its
    // connections too, and has no Connection header.
    if (httpVersion === '2') return { route, reuses: true, httpVersion, connection };
    if (httpVersion !== '1.1') return { route, reuses: false, httpVersion, connection, reason: `it proxies with HTTP/${httpVersion}` };
    if (connection.toLowerCase() === 'close') return { route, reuses: false, httpVersion, connection, reason: 'it sends "Connection: close"' };
    return { route, reuses: true, httpVersion, connection };
  });
  const reusing = routes.filter((r) => r.reuses);
  const decidedByDefaults = !upstream.keepalive || reusing.some((r) => r.route.httpVersion.value === undefined || r.route.connection.value === undefined);
  if (cacheSize <= 0) return { reuses: false, cacheSize, cacheNode: upstream.keepalive?.node, routes, decidedByDefaults, reason: upstream.keepalive ? 'keepalive 0 turns the connection cache off' : 'the upstream keeps no connection cache (no keepalive directive)' };
  if (routes.length === 0) return { reuses: false, cacheSize, cacheNode: upstream.keepalive?.node, routes, decidedByDefaults, reason: 'no proxy_pass sends requests to it' };
  if (reusing.length === 0) return { reuses: false, cacheSize, cacheNode: upstream.keepalive?.node, routes, decidedByDefaults, reason: routes[0].reason };
  return { reuses: true, cacheSize, cacheNode: upstream.keepalive?.node, routes, decidedByDefaults };
}

export function upstreamIdleMs(upstream: UpstreamBlock): number {
  return upstream.keepaliveTimeout?.ms ?? defaultUpstreamIdleMs;
}
