// Which FastCGI endpoints (php-fpm pools) does each fastcgi_pass reach? Its address
// (`127.0.0.1:9000`, `php:9000`, `unix:/run/php/php8.2-fpm.sock`) or the servers of the upstream
// it names, mapped as link.ts maps proxy_pass upstreams: through the deployment facts, else by
// port (narrowed by a host naming a folder), and a unix socket by its path.
import type { BackendEndpoint, FastcgiLink, LinkThrough, NginxConfig } from './analysis';
import type { ProxyRoute, UpstreamBlock, UpstreamServer } from './nginx/model';
import { linkHow, narrowByHost, throughDeployment } from './link';
import type { DeploymentFacts } from './deployment/facts';
import { parseNginxTime } from './nginx/values';

interface Target {
  address: string;
  host: string;
  port?: number;
  socket?: string;
  upstream?: UpstreamBlock;
  server?: UpstreamServer;
}

export function linkFastcgiRoutes(configs: NginxConfig[], endpoints: BackendEndpoint[], facts: DeploymentFacts): FastcgiLink[] {
  const fastcgi = endpoints.filter((e) => e.protocol === 'fastcgi');
  if (fastcgi.length === 0) return [];
  const byPort = new Map<number, BackendEndpoint[]>();
  for (const endpoint of fastcgi) {
    if (endpoint.port === undefined) continue;
    const list = byPort.get(endpoint.port) ?? [];
    list.push(endpoint);
    byPort.set(endpoint.port, list);
  }
  const links: FastcgiLink[] = [];
  for (const config of configs) {
    for (const route of config.http.routes) {
      if (route.protocol !== 'fastcgi') continue;
      for (const target of targetsOf(config, route)) {
        const add = (endpoint: BackendEndpoint, via: FastcgiLink['via'], through?: LinkThrough) =>
          links.push({ config, route, upstream: target.upstream, server: target.server, address: target.address, endpoint, via, through });
        if (target.socket !== undefined) {
          for (const endpoint of fastcgi)
            if (endpoint.socket !== undefined && sameSocket(endpoint.socket, target.socket)) add(endpoint, 'socket');
          continue;
        }
        if (target.port === undefined) continue;
        const routed = throughDeployment(target.host, target.port, byPort, facts);
        if (routed) for (const { endpoint, through } of routed) add(endpoint, 'service', through);
        else for (const endpoint of narrowByHost(target, byPort.get(target.port) ?? [])) add(endpoint, 'port');
      }
    }
  }
  return links;
}

/** The address of `fastcgi_pass host:port`, or the servers of the upstream it names. */
function targetsOf(config: NginxConfig, route: ProxyRoute): Target[] {
  if (route.address) return [{ address: route.upstreamName, ...route.address }];
  const upstream = config.http.upstreams.get(route.upstreamName);
  if (!upstream) return [];
  return upstream.servers.map((server) => ({
    address: server.address.value,
    host: server.host,
    port: server.port,
    socket: server.host.startsWith('unix:') ? server.host.slice(5) : undefined,
    upstream,
    server,
  }));
}

/** `/run/php/php-fpm.sock` and `/run/php//php-fpm.sock` are one socket; a relative path matches by its end. */
function sameSocket(listen: string, pass: string): boolean {
  const clean = (p: string) => p.replace(/\/+/g, '/');
  const [a, b] = [clean(listen), clean(pass)];
  return a === b || (!a.startsWith('/') && b.endsWith(`/${a}`));
}

/** How a fastcgi_pass link was made, in words: `via compose service php, port 9000`, `by port`, `by socket path`. */
export function fastcgiLinkHow(link: FastcgiLink): string {
  return link.via === 'socket' ? 'by socket path' : linkHow({ via: link.via, through: link.through });
}

/** What the CLI prints for each: `location ~ \.php$ in server, fastcgi_pass php:9000 -> ... (via compose service php, port 9000)`. */
export function fastcgiLinkSummaries(links: FastcgiLink[]): string[] {
  return links.map((link) => `${link.route.label}, fastcgi_pass ${link.address} -> ${link.endpoint.label} (${fastcgiLinkHow(link)})`);
}

/** nginx's fastcgi_read_timeout when no level sets it (ngx_http_fastcgi_module: "Default: fastcgi_read_timeout 60s;"). */
export const defaultFastcgiReadMs = 60_000;

/** A route's fastcgi_read_timeout as nginx inherits it, else the default; a value nginx refuses counts as the default (invalid-value reports it). */
export function fastcgiReadMs(route: ProxyRoute): number {
  const value = route.readTimeout.value;
  const time = value === undefined ? undefined : parseNginxTime(value, 'ms');
  return time?.ok ? time.ms : defaultFastcgiReadMs;
}
