// Maps an nginx upstream address through the deployment facts (keepalive-rules.md "Docker
// Compose wiring"): a service name, alias, container_name or hostname reaches that service on
// the container's own port; host.docker.internal (and localhost when nginx shares the host's
// network) reaches the host, where a published port leads to the service publishing it.
import * as path from 'node:path';
import type { DeploymentFacts, DeploymentService, PortMapping } from './facts';

/** Where an upstream address leads: a service, the container port it reaches there, and how. */
export interface DeploymentTarget {
  service: DeploymentService;
  port: number;
  how: 'service name' | 'alias' | 'container_name' | 'hostname' | 'published port';
}

const hostGateways = new Set(['host.docker.internal', 'gateway.docker.internal']);
const loopbacks = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);

export function resolveUpstreamAddress(host: string, port: number, facts: DeploymentFacts): DeploymentTarget[] {
  const name = host.toLowerCase();
  const byName: DeploymentTarget[] = [];
  for (const service of facts.services) {
    const how = nameMatch(service, name);
    if (how) byName.push({ service, port, how });
  }
  if (byName.length > 0) return byName;
  if (!hostGateways.has(name) && !(loopbacks.has(name) && proxyOnHostNetwork(facts))) return [];
  const published: DeploymentTarget[] = [];
  for (const service of facts.services) {
    for (const mapping of service.ports)
      if (publishes(mapping, port) && mapping.protocol === 'tcp') published.push({ service, port: mapping.target, how: 'published port' });
  }
  return published;
}

/** Whether the mapping publishes the host port (one of its range when compose picks it). */
function publishes(mapping: PortMapping, port: number): boolean {
  if (mapping.published !== undefined) return mapping.published === port;
  return mapping.publishedRange !== undefined && mapping.publishedRange.start <= port && port <= mapping.publishedRange.end;
}

function nameMatch(service: DeploymentService, name: string): DeploymentTarget['how'] | undefined {
  if (service.name.toLowerCase() === name) return 'service name';
  if (service.aliases.some((a) => a.toLowerCase() === name)) return 'alias';
  if (service.containerName?.toLowerCase() === name) return 'container_name';
  if (service.hostname?.toLowerCase() === name) return 'hostname';
  return undefined;
}

function proxyOnHostNetwork(facts: DeploymentFacts): boolean {
  return facts.services.some((s) => s.name === facts.proxyService && s.hostNetwork);
}

/**
 * Whether a workspace file runs in the service: it lies in its build context, under a bind
 * mount's source, or under a source its Dockerfile copies in.
 */
export function serviceHoldsFile(service: DeploymentService, file: string): boolean {
  const roots = [
    ...(service.build ? [service.build.context] : []),
    ...service.mounts.filter((m) => m.kind === 'bind').map((m) => m.source),
    ...(service.build?.dockerfile?.copies.flatMap((c) => c.sources) ?? []),
  ];
  return roots.some((root) => file === root || file.startsWith(root.endsWith(path.sep) ? root : root + path.sep));
}

/** Images whose tag is the nginx version; OpenResty's first three numbers are its nginx core's. */
const nginxImages =
  /^(?:(?:docker\.io|index\.docker\.io|registry-1\.docker\.io)\/)?(?:(?:library\/)?nginx|nginxinc\/nginx-unprivileged|openresty\/openresty)$/i;

/** `nginx:1.25.3-alpine` -> `1.25.3`; a tag without a version (`stable`, `latest`, none) implies none. */
export function nginxVersionOfImage(image: string): string | undefined {
  const reference = image.split('@')[0]; // a digest pins the image, the tag still names it
  const at = reference.lastIndexOf(':');
  if (at < 0 || reference.slice(at).includes('/')) return undefined; // `registry:5000/nginx`: no tag
  const name = reference.slice(0, at);
  if (!nginxImages.test(name)) return undefined;
  const version = /^(\d+\.\d+(?:\.\d+)?)/.exec(reference.slice(at + 1));
  return version?.[1];
}
