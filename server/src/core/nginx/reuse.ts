// Does nginx reuse idle connections to an upstream? It needs a connection cache in the upstream
// block and, in a location proxying to it, HTTP/1.1 and a Connection header other than `close`.
// gRPC always keeps its connections; FastCGI only with `fastcgi_keep_conn on`; uwsgi and SCGI never.
import type { NginxConfig } from './nodes';
import type { ConfigNode, ProxyRoute, UpstreamBlock } from './model';
import { hasUpstreamIdleTimer, proxyDefaults, type NginxVersion, type ProxyDefaults } from './version';

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
  /**
   * The reusing routes whose backend this tool reads: proxy_pass (HTTP). gRPC servers and
   * FastCGI processes are not read, so their races cannot be judged.
   */
  httpRoutes: RouteReuse[];
  /** nginx's version defaults (not explicit directives) decided that connections are reused. */
  decidedByDefaults: boolean;
  /** Why nothing is reused, when it is not. */
  reason?: string;
}

/** nginx's default upstream keepalive_timeout. */
export const defaultUpstreamIdleMs = 60_000;

/** An upstream block is reused while its text is unchanged; its reuse, while its routes are too. */
const reuseMemo = new WeakMap<UpstreamBlock, { version: NginxVersion; routes: ProxyRoute[] | undefined; reuse: UpstreamReuse }>();

export function upstreamReuse(config: NginxConfig, upstream: UpstreamBlock, version: NginxVersion): UpstreamReuse {
  const routes = config.http.routesByUpstream.get(upstream.name);
  const memo = reuseMemo.get(upstream);
  // The source too: findings quote where the version came from (an image tag), and are made again with the reuse.
  if (memo && memo.version.label === version.label && memo.version.source === version.source && memo.routes === routes) return memo.reuse;
  const reuse = computeUpstreamReuse(upstream, routes ?? [], version);
  reuseMemo.set(upstream, { version, routes, reuse });
  return reuse;
}

function computeUpstreamReuse(upstream: UpstreamBlock, proxyRoutes: ProxyRoute[], version: NginxVersion): UpstreamReuse {
  const defaults = proxyDefaults(version);
  const cacheSize = upstream.keepalive ? upstream.keepalive.count : defaults.keepalive;
  const routes = proxyRoutes.map((route) => routeReuse(route, defaults));
  const reusing = routes.filter((r) => r.reuses);
  const noHttpRoutes: RouteReuse[] = [];
  const decidedByDefaults =
    !upstream.keepalive ||
    reusing.some((r) => r.route.protocol === 'http' && (r.route.httpVersion.value === undefined || r.route.connection.value === undefined));
  const notReused = (reason: string | undefined): UpstreamReuse => ({
    reuses: false,
    cacheSize,
    cacheNode: upstream.keepalive?.node,
    routes,
    httpRoutes: noHttpRoutes,
    decidedByDefaults,
    reason,
  });
  if (cacheSize <= 0)
    return notReused(
      upstream.keepalive ? 'keepalive 0 turns the connection cache off' : 'the upstream keeps no connection cache (no keepalive directive)',
    );
  if (routes.length === 0) return notReused('no proxy_pass (or grpc_pass, fastcgi_pass) sends requests to it');
  if (reusing.length === 0) return notReused(routes[0].reason);
  const httpRoutes = reusing.filter((r) => r.route.protocol === 'http');
  return { reuses: true, cacheSize, cacheNode: upstream.keepalive?.node, routes, httpRoutes, decidedByDefaults };
}

/**
 * How long nginx keeps an idle cached connection to the upstream: Infinity before 1.15.3, which
 * sets no idle timer (a `keepalive_timeout` there is a directive nginx refuses, not a timeout).
 */
export function upstreamIdleMs(upstream: UpstreamBlock, version: NginxVersion): number {
  if (!hasUpstreamIdleTimer(version)) return Infinity;
  return upstream.keepaliveTimeout?.ms ?? defaultUpstreamIdleMs;
}

function routeReuse(route: ProxyRoute, defaults: ProxyDefaults): RouteReuse {
  switch (route.protocol) {
    case 'grpc':
      return { route, reuses: true, httpVersion: '2', connection: '' };
    case 'fastcgi':
      // fastcgi_keep_conn is off by default, in every version.
      if (route.keepConn.value?.toLowerCase() === 'on') return { route, reuses: true, httpVersion: '', connection: '' };
      return {
        route,
        reuses: false,
        httpVersion: '',
        connection: '',
        reason: route.keepConn.node ? 'it sets fastcgi_keep_conn off' : 'fastcgi_keep_conn is off (nginx default)',
      };
    case 'uwsgi':
    case 'scgi':
      return { route, reuses: false, httpVersion: '', connection: '', reason: `nginx's ${route.protocol} module never keeps connections` };
  }
  const httpVersion = route.httpVersion.value ?? defaults.httpVersion;
  const connection = route.connection.value ?? defaults.connection;
  // HTTP/2 to the upstream (proxy_http_version 2, nginx-tests proxy_h2_keepalive.t) keeps its
  // connections too, and has no Connection header.
  if (httpVersion === '2') return { route, reuses: true, httpVersion, connection };
  if (httpVersion !== '1.1') return { route, reuses: false, httpVersion, connection, reason: `it proxies with HTTP/${httpVersion}` };
  if (connection.toLowerCase() === 'close')
    return { route, reuses: false, httpVersion, connection, reason: 'it sends "Connection: close"' };
  return { route, reuses: true, httpVersion, connection };
}
