// Which backend endpoint does each nginx upstream server entry reach? Through the deployment
// facts when they know the address (a compose service, a published port); else by port, since
// host names differ between machines and containers; `links` settings say it explicitly where
// ports are remapped or ambiguous.
import * as path from 'node:path';
import { nginxVersionOf, type Analysis, type BackendEndpoint, type Link, type LinkThrough, type NginxConfig } from './analysis';
import { httpKinds, type BackendWords } from './backends/kind';
import { linkTarget, type AnalysisSettings, type ExplicitLink } from './settings';
import type { UpstreamBlock, UpstreamServer } from './nginx/model';
import { quoteToken } from './quote';
import { upstreamReuse, type UpstreamReuse } from './nginx/reuse';
import { noDeploymentFacts, type DeploymentFacts } from './deployment/facts';
import { resolveUpstreamAddress, serviceHoldsFile } from './deployment/resolve';

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
  facts: DeploymentFacts = noDeploymentFacts,
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
            for (const endpoint of explicitTargets(link, endpoints, rootDir, facts)) {
              used.add(link);
              if (!targets.includes(endpoint)) targets.push(endpoint);
            }
          }
          for (const endpoint of targets) links.push({ config, upstream, server, endpoint, connector: endpoint, via: 'setting' });
          continue;
        }
        if (server.port === undefined) continue;
        const routed = throughDeployment(server.host, server.port, byPort, facts);
        if (routed) {
          for (const { endpoint, through } of routed)
            links.push({ config, upstream, server, endpoint, connector: endpoint, via: 'service', through });
          continue;
        }
        for (const endpoint of narrowByHost(server, byPort.get(server.port) ?? []))
          links.push({ config, upstream, server, endpoint, connector: endpoint, via: 'port' });
      }
    }
  }
  const unmatched = settings.links
    .filter((l) => !used.has(l))
    .map((link) => ({ link, why: whyUnmatched(link, configs, endpoints, rootDir, kinds, facts) }));
  return { links, unmatched };
}

/**
 * The endpoints an address reaches by the deployment facts: on the container port it leads to,
 * those whose files run in the service it names (else, as by port, those whose folder the
 * service's name names, else all on that port). Undefined when the facts do not know the address.
 */
export function throughDeployment(
  host: string,
  port: number,
  byPort: Map<number, BackendEndpoint[]>,
  facts: DeploymentFacts,
): { endpoint: BackendEndpoint; through: LinkThrough }[] | undefined {
  const targets = resolveUpstreamAddress(host, port, facts);
  if (targets.length === 0) return undefined;
  const reached: { endpoint: BackendEndpoint; through: LinkThrough }[] = [];
  for (const target of targets) {
    const onPort = byPort.get(target.port) ?? [];
    // An endpoint read from the service's image alone (composeService) runs there too.
    const held = onPort.filter((e) => e.composeService === target.service.name || serviceHoldsFile(target.service, e.file.path));
    const through = { service: target.service.name, port: target.port, how: target.how, deployment: target.service.deployment };
    for (const endpoint of held.length > 0 ? held : narrowByFolder(target.service.name, onPort))
      if (!reached.some((r) => r.endpoint === endpoint)) reached.push({ endpoint, through });
  }
  return reached;
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
  facts: DeploymentFacts,
): string {
  const upstreams = configs.map((c) => c.http.upstreams.get(link.upstream)).filter((u) => u !== undefined);
  if (upstreams.length === 0) return `no upstream "${quoteToken(link.upstream)}" is defined in the nginx configuration`;
  if (link.server !== undefined && !upstreams.some((u) => u.servers.some((s) => s.address.value === link.server)))
    return `upstream "${quoteToken(link.upstream)}" has no server "${quoteToken(link.server)}"`;
  const target = linkTarget(link);
  const named = `"${quoteToken(target.value)}"`;
  const candidates = targetEndpoints(link, endpoints, rootDir, facts);
  if (candidates.length === 0) {
    if (target.key === 'service') return `no deployment file read defines a service ${named} with an HTTP endpoint`;
    const files = httpKinds(kinds)
      .map((k) => `${k.fileName} with an HTTP ${k.endpointNoun}`)
      .join(' or ');
    return `${named} is no ${files} in this folder`;
  }
  const noun = candidates[0].noun;
  if (link.port === undefined) return `${named} has ${candidates.length} HTTP ${noun}s: say which with "port"`;
  return `${named} has no HTTP ${noun} on port ${link.port}`;
}

function explicitTargets(link: ExplicitLink, endpoints: BackendEndpoint[], rootDir: string, facts: DeploymentFacts): BackendEndpoint[] {
  const candidates = targetEndpoints(link, endpoints, rootDir, facts);
  return link.port === undefined ? (candidates.length === 1 ? candidates : []) : candidates.filter((c) => c.port === link.port);
}

/**
 * The HTTP endpoints a link's target names: those read from the file, or from the files under
 * the folder, or those the deployment facts run in the service.
 */
function targetEndpoints(link: ExplicitLink, endpoints: BackendEndpoint[], rootDir: string, facts: DeploymentFacts): BackendEndpoint[] {
  const target = linkTarget(link);
  if (target.key === 'service') {
    const services = facts.services.filter((s) => s.name === target.value);
    return endpoints.filter((e) => speaksHttp(e) && services.some((s) => serviceHoldsFile(s, e.file.path)));
  }
  const named = path.resolve(rootDir, target.value);
  const inside = named.endsWith(path.sep) ? named : named + path.sep;
  return endpoints.filter((e) => (e.file.path === named || e.file.path.startsWith(inside)) && speaksHttp(e));
}

/**
 * Several servers often listen on the same port (8080 everywhere). When the upstream names its
 * server by a host that also names a folder holding one of them (`app1:8080` and
 * `app1/conf/server.xml`), that one is meant; otherwise all of them are candidates.
 */
export function narrowByHost(server: Pick<UpstreamServer, 'host'>, candidates: BackendEndpoint[]): BackendEndpoint[] {
  return narrowByFolder(server.host, candidates);
}

function narrowByFolder(name: string, candidates: BackendEndpoint[]): BackendEndpoint[] {
  if (candidates.length < 2) return candidates;
  const host = name.toLowerCase();
  const named = candidates.filter((c) => c.file.path.toLowerCase().split(/[\\/]/).includes(host));
  return named.length > 0 ? named : candidates;
}

/** An upstream server nginx reuses connections to over proxy_pass, which no link reaches. */
export interface UnlinkedServer {
  config: NginxConfig;
  upstream: UpstreamBlock;
  server: UpstreamServer;
  reuse: UpstreamReuse;
}

/**
 * The upstream servers nginx reuses connections to (over proxy_pass: gRPC and FastCGI servers are
 * not read) that no link reaches and no `links` entry names (one that links nothing is a settings
 * problem of its own), each once however many main files include it.
 */
export function reusedUnlinkedServers(analysis: Analysis): UnlinkedServer[] {
  const placeKey = (server: UpstreamServer) => `${server.node.file.path}\0${server.node.directive.start}`;
  const seen = new Set(analysis.links.map((link) => placeKey(link.server)));
  const unlinked: UnlinkedServer[] = [];
  for (const config of analysis.configs) {
    for (const upstream of config.http.upstreams.values()) {
      const reuse = upstreamReuse(config, upstream, nginxVersionOf(analysis, config));
      if (reuse.httpRoutes.length === 0) continue;
      for (const server of upstream.servers) {
        const key = placeKey(server);
        if (seen.has(key) || markedDown(server) || namedByLinks(analysis.settings, upstream, server)) continue;
        seen.add(key);
        unlinked.push({ config, upstream, server, reuse });
      }
    }
  }
  return unlinked;
}

/** `server ... down`: "marks the server as permanently unavailable" (ngx_http_upstream_module docs): never connected to. */
function markedDown(server: UpstreamServer): boolean {
  return server.node.directive.args.slice(1).some((arg) => arg.value === 'down');
}

function namedByLinks(settings: AnalysisSettings, upstream: UpstreamBlock, server: UpstreamServer): boolean {
  return settings.links.some((l) => l.upstream === upstream.name && (l.server === undefined || l.server === server.address.value));
}

/** `upstream app_backend, server 10.0.0.21:8080` */
export function describeUpstreamServer(upstream: UpstreamBlock, server: UpstreamServer): string {
  return `upstream ${upstream.name}, server ${server.address.value}`;
}

/** How a link was made, in words: `via compose service app, port 8080`, `by port`, `from links setting`. */
export function linkHow(link: Pick<Link, 'via' | 'through'>): string {
  if (link.through) {
    const { service, port, how } = link.through;
    const by = how === 'service name' ? '' : how === 'published port' ? ' (a published port)' : ` (its ${how})`;
    return `via compose service ${service}${by}, port ${port}`;
  }
  return link.via === 'port' ? 'by port' : link.via === 'setting' ? 'from links setting' : 'by deployment service';
}

/** What the CLI prints and the language server sends for each link. */
export function linkSummaries(links: Link[]): { upstream: string; connector: string; via: Link['via']; how: string }[] {
  return links.map((link) => ({
    upstream: describeUpstreamServer(link.upstream, link.server),
    connector: link.endpoint.label,
    via: link.via,
    how: linkHow(link),
  }));
}
