// Every proxy-to-server chain of an analysis, as plain data: where nginx sends requests
// (locations), the upstream that keeps idle connections and for how long, each server entry, and
// the backend it reaches with its own idle timeout and the verdict. What the CLI's `chains`
// command prints, and what a chain view or a hover can draw, from one computation.
import { nginxVersionOf, type Analysis, type NginxConfig } from './analysis';
import type { UpstreamBlock } from './nginx/model';
import { upstreamIdleMs, upstreamReuse } from './nginx/reuse';
import { linkHow } from './link';
import { relativePath } from './locate';
import { describeVersion } from './nginx/version';
import { raceVerdict, worstRoute, type RaceVerdict } from './checks/keepalive-race/verdict';
import type { RaceOutcome } from './nginx/retry';

/** A place in the analysed folder: a path relative to it and a 1-based line. */
export interface ChainPlace {
  file: string;
  line: number;
}

export interface ChainBackend {
  /** `tomcat/conf/server.xml, Connector port 8080 (Service Catalina)` */
  label: string;
  server: string;
  /** How the link was made: `by port`, `from links setting`, `via compose service app, port 8080`. */
  how: string;
  /** Milliseconds after which the backend closes an idle connection; null when it never does or it is not known. */
  idleMs: number | null;
  /** Where that value comes from (`connectionTimeout, keepAliveTimeout unset`), or why it is not known. */
  idleSource: string;
  place: ChainPlace;
  verdict: RaceVerdict;
  /** For a racing pair: which requests get 502 at the worst location proxying there. */
  outcome?: RaceOutcome;
}

export interface ChainServer {
  address: string;
  place: ChainPlace;
  backends: ChainBackend[];
}

export interface Chain {
  upstream: string;
  place: ChainPlace;
  /** Milliseconds nginx keeps an idle connection; null when it keeps it until the server closes it (before 1.15.3). */
  nginxIdleMs: number | null;
  nginxIdleSource: string;
  /** Whether nginx reuses connections to it at all (a keep-alive cache, HTTP/1.1, no `Connection: close`). */
  reused: boolean;
  nginxVersion: string;
  /** The locations proxying to it: `location / in server app.example.com`. */
  routes: { label: string; place: ChainPlace }[];
  servers: ChainServer[];
}

export function chainsOf(analysis: Analysis): Chain[] {
  const chains: Chain[] = [];
  const seen = new Set<UpstreamBlock>();
  for (const config of analysis.configs)
    for (const upstream of config.http.upstreams.values()) {
      if (seen.has(upstream)) continue; // an upstream file two main files include: one chain
      seen.add(upstream);
      chains.push(chainOf(analysis, config, upstream));
    }
  return chains;
}

function chainOf(analysis: Analysis, config: NginxConfig, upstream: UpstreamBlock): Chain {
  const version = nginxVersionOf(analysis, config);
  const reuse = upstreamReuse(config, upstream, version);
  const nginxMs = upstreamIdleMs(upstream, version);
  const place = (file: string, offset: number): ChainPlace => ({
    file: relativePath(analysis, file),
    line: (analysis.lines(file)?.positionAt(offset).line ?? 0) + 1,
  });
  const timeout = upstream.keepaliveTimeout;
  return {
    upstream: upstream.name,
    place: place(upstream.node.file.path, upstream.node.directive.start),
    nginxIdleMs: Number.isFinite(nginxMs) ? nginxMs : null,
    nginxIdleSource: !Number.isFinite(nginxMs)
      ? `${describeVersion(version)} has no upstream keepalive_timeout`
      : timeout
        ? `keepalive_timeout in ${relativePath(analysis, timeout.node.file.path)}`
        : 'keepalive_timeout unset, nginx default',
    reused: reuse.httpRoutes.length > 0,
    nginxVersion: describeVersion(version),
    routes: (config.http.routesByUpstream.get(upstream.name) ?? []).map((route) => ({
      label: route.label,
      place: place(route.node.file.path, route.node.directive.start),
    })),
    servers: upstream.servers.map((server) => ({
      address: server.address.value,
      place: place(server.node.file.path, server.node.directive.start),
      backends: analysis.links
        .filter((link) => link.upstream === upstream && link.server === server)
        .map((link) => {
          const idle = link.endpoint.idle;
          const verdict = raceVerdict(link.endpoint, reuse, nginxMs);
          return {
            label: link.endpoint.label,
            server: link.endpoint.serverName,
            how: linkHow(link),
            idleMs: idle.ms ?? null,
            idleSource: idle.unknown ?? (idle.never ? 'never times out' : idle.description),
            place: place(idle.path, idle.span.start),
            verdict,
            ...(verdict === 'fails' || verdict === 'retried' ? { outcome: worstRoute(reuse).retry.outcome } : {}),
          };
        }),
    })),
  };
}
