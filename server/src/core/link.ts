// Which Tomcat connector does each nginx upstream server entry reach? By port, since host names
// differ between machines and containers; `links` settings say it explicitly where ports are
// remapped or ambiguous.
import * as path from 'node:path';
import type { ConnectorRef, Link, NginxConfig } from './analysis';
import type { AnalysisSettings, ExplicitLink } from './settings';
import type { UpstreamBlock, UpstreamServer } from './nginx/model';

export function linkUpstreams(configs: NginxConfig[], connectors: ConnectorRef[], settings: AnalysisSettings, rootDir: string): Link[] {
  const byPort = new Map<number, ConnectorRef[]>();
  for (const connector of connectors) {
    if (connector.port === undefined || connector.isAjp) continue;
    const list = byPort.get(connector.port) ?? [];
    list.push(connector);
    byPort.set(connector.port, list);
  }
  const links: Link[] = [];
  for (const config of configs) {
    for (const upstream of config.http.upstreams.values()) {
      for (const server of upstream.servers) {
        const explicit = settings.links.filter((l) => l.upstream === upstream.name && (l.server === undefined || l.server === server.address.value));
        if (explicit.length > 0) {
          for (const connector of explicitTargets(explicit, connectors, rootDir)) links.push({ config, upstream, server, connector, via: 'setting' });
          continue;
        }
        if (server.port === undefined) continue;
        for (const connector of narrowByHost(server, byPort.get(server.port) ?? [])) links.push({ config, upstream, server, connector, via: 'port' });
      }
    }
  }
  return links;
}

function explicitTargets(links: ExplicitLink[], connectors: ConnectorRef[], rootDir: string): ConnectorRef[] {
  const targets: ConnectorRef[] = [];
  for (const link of links) {
    const file = path.resolve(rootDir, link.serverXml);
    const inFile = connectors.filter((c) => c.file.path === file && !c.isAjp);
    const chosen = link.port === undefined ? (inFile.length === 1 ? inFile : []) : inFile.filter((c) => c.port === link.port);
    for (const c of chosen) if (!targets.includes(c)) targets.push(c);
  }
  return targets;
}

/**
 * Several Tomcats often listen on the same port (8080 everywhere). When the upstream names its
 * server by a host that also names a folder holding one of them (`app1:8080` and
 * `app1/conf/server.xml`), that one is meant; otherwise all of them are candidates.
 */
function narrowByHost(server: UpstreamServer, candidates: ConnectorRef[]): ConnectorRef[] {
  if (candidates.length < 2) return candidates;
  const host = server.host.toLowerCase();
  const named = candidates.filter((c) => c.file.path.toLowerCase().split(/[\\/]/).includes(host));
  return named.length > 0 ? named : candidates;
}

/** `upstream app_backend, server 10.0.0.21:8080` */
export function describeUpstreamServer(upstream: UpstreamBlock, server: UpstreamServer): string {
  return `upstream ${upstream.name}, server ${server.address.value}`;
}
