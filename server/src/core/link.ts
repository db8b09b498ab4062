// Which backend endpoint does each nginx upstream server entry reach? By port, since host names
// differ between machines and containers; `links` settings say it explicitly where ports are
// remapped or ambiguous.
import * as path from 'node:path';
import type { BackendEndpoint, Link, NginxConfig } from './analysis';
import type { BackendWords } from './backends/kind';
import { linkTarget, type AnalysisSettings, type ExplicitLink } from './settings';
import type { UpstreamBlock, UpstreamServer } from './nginx/model';
import { quoteToken } from './quote';

/** An explicit link that links nothing, and why. */
export interface UnmatchedLink {
  link: ExplicitLink;
  why: string;
}

export function linkUpstreams(
  configs: NginxConfig[],
  endpoints: BackendEndpoint[],
  settings: AnalysisSettings,
  rootDir: string,
  kinds: readonly BackendWords[],
): { links: Link[]; unmatched: UnmatchedLink[] } {
  const byPort = new Map<number, BackendEndpoint[]>();
  for (const endpoint of endpoints) {
    if (endpoint.port === undefined || !speaksHttp(endpoint)) continue;
    const list = byPort.get(endpoint.port) ?? [];
    list.push(endpoint);
    byPort.set(endpoint.port, list);
  }
  const links: Link[] = [];
  const used = new Set<ExplicitLink>();
  for (const config of configs) {
    for (const upstream of config.http.upstreams.values()) {
      for (const server of upstream.servers) {
        const explicit = settings.links.filter(
          (l) => l.upstream === upstream.name && (l.server === undefined || l.server === server.address.value),
        );
        if (explicit.length > 0) {
          const targets: BackendEndpoint[] = [];
          for (const link of explicit) {
            for (const endpoint of explicitTargets(link, endpoints, rootDir)) {
              used.add(link);
              if (!targets.includes(endpoint)) targets.push(endpoint);
            }
          }
          for (const endpoint of targets) links.push({ config, upstream, server, endpoint, connector: endpoint, via: 'setting' });
          continue;
        }
        if (server.port === undefined) continue;
        for (const endpoint of narrowByHost(server, byPort.get(server.port) ?? []))
          links.push({ config, upstream, server, endpoint, connector: endpoint, via: 'port' });
      }
    }
  }
  const unmatched = settings.links
    .filter((l) => !used.has(l))
    .map((link) => ({ link, why: whyUnmatched(link, configs, endpoints, rootDir, kinds) }));
  return { links, unmatched };
}

/** nginx's proxy_pass speaks HTTP/1.x only: endpoints of other protocols are never linked. */
function speaksHttp(endpoint: BackendEndpoint): boolean {
  return endpoint.protocol === 'http';
}

function whyUnmatched(
  link: ExplicitLink,
  configs: NginxConfig[],
  endpoints: BackendEndpoint[],
  rootDir: string,
  kinds: readonly BackendWords[],
): string {
  const upstreams = configs.map((c) => c.http.upstreams.get(link.upstream)).filter((u) => u !== undefined);
  if (upstreams.length === 0) return `no upstream "${quoteToken(link.upstream)}" is defined in the nginx configuration`;
  if (link.server !== undefined && !upstreams.some((u) => u.servers.some((s) => s.address.value === link.server)))
    return `upstream "${quoteToken(link.upstream)}" has no server "${quoteToken(link.server)}"`;
  const target = linkTarget(link);
  const named = `"${quoteToken(target.value)}"`;
  const candidates = targetEndpoints(link, endpoints, rootDir);
  if (candidates.length === 0) {
    if (target.key === 'service') return `no deployment file read defines a service ${named} with an HTTP endpoint`;
    const files = kinds.map((k) => `${k.fileName} with an HTTP ${k.endpointNoun}`).join(' or ');
    return `${named} is no ${files} in this folder`;
  }
  const noun = candidates[0].noun;
  if (link.port === undefined) return `${named} has ${candidates.length} HTTP ${noun}s: say which with "port"`;
  return `${named} has no HTTP ${noun} on port ${link.port}`;
}

function explicitTargets(link: ExplicitLink, endpoints: BackendEndpoint[], rootDir: string): BackendEndpoint[] {
  const candidates = targetEndpoints(link, endpoints, rootDir);
  return link.port === undefined ? (candidates.length === 1 ? candidates : []) : candidates.filter((c) => c.port === link.port);
}

/** The HTTP endpoints a link's target names: those read from the file, or from the files under the folder. */
function targetEndpoints(link: ExplicitLink, endpoints: BackendEndpoint[], rootDir: string): BackendEndpoint[] {
  const target = linkTarget(link);
  if (target.key === 'service') return []; // no deployment reader yet
  const named = path.resolve(rootDir, target.value);
  const inside = named.endsWith(path.sep) ? named : named + path.sep;
  return endpoints.filter((e) => (e.file.path === named || e.file.path.startsWith(inside)) && speaksHttp(e));
}

/**
 * Several servers often listen on the same port (8080 everywhere). When the upstream names its
 * server by a host that also names a folder holding one of them (`app1:8080` and
 * `app1/conf/server.xml`), that one is meant; otherwise all of them are candidates.
 */
function narrowByHost(server: UpstreamServer, candidates: BackendEndpoint[]): BackendEndpoint[] {
  if (candidates.length < 2) return candidates;
  const host = server.host.toLowerCase();
  const named = candidates.filter((c) => c.file.path.toLowerCase().split(/[\\/]/).includes(host));
  return named.length > 0 ? named : candidates;
}

/** `upstream app_backend, server 10.0.0.21:8080` */
export function describeUpstreamServer(upstream: UpstreamBlock, server: UpstreamServer): string {
  return `upstream ${upstream.name}, server ${server.address.value}`;
}

/** What the CLI prints and the language server sends for each link. */
export function linkSummaries(links: Link[]): { upstream: string; connector: string; via: Link['via'] }[] {
  return links.map((link) => ({
    upstream: describeUpstreamServer(link.upstream, link.server),
    connector: link.endpoint.label,
    via: link.via,
  }));
}
