// Go to definition, outline and hover over the linked model. LSP-free: the server converts.
import type { Analysis, BackendEndpoint, Link, NginxConfig } from './analysis';
import { chainHover, type HoverContext } from './hover';
import { fastcgiLinkHow, fastcgiReadMs } from './linkFastcgi';
import * as path from 'node:path';
import type { Finding, Location, Range } from './types';
import type { NginxDirective, NginxFile, NginxToken } from './nginx/ast';
import type { UpstreamBlock } from './nginx/model';
import { locate } from './locate';
import { formatDuration } from './duration';

export interface OutlineSymbol {
  name: string;
  detail?: string;
  kind: 'server' | 'location' | 'upstream' | 'http' | 'block';
  range: Range;
  selectionRange: Range;
  children: OutlineSymbol[];
}

/** The innermost directive of a file whose name or arguments hold `offset`, with its ancestors. */
export function directiveAt(
  file: NginxFile,
  offset: number,
): { directive: NginxDirective; token?: NginxToken; ancestors: NginxDirective[] } | undefined {
  const ancestors: NginxDirective[] = [];
  let list = file.directives;
  for (;;) {
    const directive = list.find((d) => d.start <= offset && offset <= d.end);
    if (!directive) return undefined;
    const children = directive.block?.kind === 'directives' || directive.block?.kind === 'data' ? directive.block.children : [];
    const inBlock = directive.block && offset > directive.block.start && offset < directive.block.end;
    if (inBlock && children.some((c) => c.start <= offset && offset <= c.end)) {
      ancestors.push(directive);
      list = children;
      continue;
    }
    const token = [directive.name, ...directive.args].find((t) => t.start <= offset && offset <= t.end);
    return { directive, token, ancestors };
  }
}

function configsWithFile(analysis: Analysis, path: string): NginxConfig[] {
  return analysis.configs.filter(
    (c) => [...c.http.upstreams.values()].some((u) => u.node.file.path === path) || c.http.routes.some((r) => r.node.file.path === path),
  );
}

export function definitionAt(analysis: Analysis, file: NginxFile, offset: number): Location[] {
  const hit = directiveAt(file, offset);
  if (!hit?.token) return [];
  const name = hit.directive.name.value;
  if (name.endsWith('_pass') && hit.token !== hit.directive.name) {
    // The model read which upstream this proxy_pass, grpc_pass or fastcgi_pass names.
    const configs = configsWithFile(analysis, file.path);
    const target = configs
      .flatMap((c) => c.http.routes)
      .find((r) => r.node.file.path === file.path && r.node.directive.start === hit.directive.start)?.upstreamName;
    if (!target) return [];
    return configs
      .map((c) => c.http.upstreams.get(target))
      .filter((u): u is UpstreamBlock => u !== undefined)
      .map((u) => locate(analysis, u.node.file.path, u.node.directive.args[0]));
  }
  if (name === 'include' && hit.token !== hit.directive.name)
    return includeTargets(analysis, file, hit.directive).map((target) => ({
      file: target,
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    }));
  if (name === 'server' && hit.ancestors.at(-1)?.name.value === 'upstream') {
    return linksFrom(analysis, file, hit.directive).map((l) => endpointLocation(analysis, l.endpoint));
  }
  return [];
}

/** The files an include directive of `file` brings in, in every configuration that reads it. */
function includeTargets(analysis: Analysis, file: NginxFile, include: NginxDirective): string[] {
  const targets = new Set<string>();
  for (const config of analysis.configs) {
    for (const edge of config.includes()) {
      if (edge.node.file.path === file.path && edge.node.directive.start === include.start) for (const t of edge.targets) targets.add(t);
    }
  }
  return [...targets];
}

export interface IncludeLink {
  /** The include's path argument. */
  span: { start: number; end: number };
  target: string;
}

/** Document links: each include argument that names exactly one file (globs go through definition). */
export function includeLinks(analysis: Analysis, file: NginxFile): IncludeLink[] {
  const links: IncludeLink[] = [];
  const visit = (directives: NginxDirective[]) => {
    for (const d of directives) {
      if (d.name.value === 'include' && d.args.length === 1) {
        const targets = includeTargets(analysis, file, d);
        if (targets.length === 1 && !/[*?[]/.test(d.args[0].value)) links.push({ span: d.args[0], target: targets[0] });
      }
      if (d.block?.kind === 'directives') visit(d.block.children);
    }
  };
  visit(file.directives);
  return links;
}

/** Hover on a backend endpoint's declaration (a Connector's tag or attributes): the chain seen from the backend. */
export function endpointHoverAt(analysis: Analysis, path: string, offset: number, context: HoverContext = {}): string | undefined {
  const within = (span: { start: number; end: number }) => span.start <= offset && offset < span.end;
  // Its declaration, or the value deciding its idle timeout where that is in another file (a Spring Boot property).
  const endpoint = analysis.endpoints.find(
    (e) =>
      (e.file.path === path && within(e.span)) ||
      (e.idle.path === path && within(e.idle.span)) ||
      (e.requestLimit?.path === path && within(e.requestLimit.span)),
  );
  if (!endpoint) return undefined;
  // One hover per upstream reaching it (several of its servers may).
  const upstreams = analysis.links
    .filter((l) => l.endpoint === endpoint)
    .filter((l, i, all) => all.findIndex((o) => o.upstream === l.upstream) === i);
  if (upstreams.length > 0) return upstreams.map((l) => chainHover(analysis, l.config, l.upstream, context, endpoint)).join('\n\n---\n\n');
  const { idle, serverName } = endpoint;
  const closes =
    idle.ms !== undefined
      ? `closes idle connections after ${formatDuration(idle.ms)} (${idle.description})`
      : idle.never
        ? 'never closes idle connections'
        : `idle timeout unknown: ${idle.unknown ?? idle.description}`;
  if (endpoint.requestLimit) return requestLimitHover(analysis, endpoint);
  const why =
    endpoint.protocol !== 'http'
      ? `an ${endpoint.protocol.toUpperCase()} ${endpoint.noun}: nginx does not proxy HTTP to it`
      : `no nginx upstream server is linked to this ${endpoint.noun} (by port, compose service or the \`timeoutChain.links\` setting)`;
  return `**Not linked:** ${why}.\n\n${endpoint.label}: ${serverName} ${closes}${endpoint.keepsAlive ? '' : `; ${endpoint.noKeepAliveReason}`}.`;
}

/** The hover of an endpoint with a request limit (a php-fpm pool): the verdict first, then the limit and each fastcgi_pass reaching it. */
function requestLimitHover(analysis: Analysis, endpoint: BackendEndpoint): string {
  const limit = endpoint.requestLimit!;
  const server = endpoint.serverName;
  const links = (analysis.fastcgiLinks ?? []).filter((l) => l.endpoint === endpoint);
  const waits = links.map((link) => ({ link, ms: fastcgiReadMs(link.route) }));
  const killsFirst = limit.ms === undefined ? undefined : waits.find((w) => limit.ms! <= w.ms);
  const headline =
    links.length === 0
      ? `**Not linked:** no fastcgi_pass reaches this ${endpoint.noun}`
      : killsFirst
        ? `**Kills first:** ${server} kills requests after ${formatDuration(limit.ms!)}, nginx waits ${formatDuration(killsFirst.ms)}: slow requests get 502, not 504`
        : limit.ms !== undefined
          ? `**Safe:** nginx gives up first (${formatDuration(Math.max(...waits.map((w) => w.ms)))} < ${formatDuration(limit.ms)}): slow requests get 504`
          : limit.never
            ? `**Safe:** ${server} sets no request limit: nginx's fastcgi_read_timeout decides (504)`
            : `**Not known:** ${server}'s request limit (${limit.unknown ?? limit.description})`;
  const kills =
    limit.ms !== undefined
      ? `${server} kills requests after ${formatDuration(limit.ms)} (${limit.description})${limit.actually ? `; ${limit.actually}` : ''}`
      : limit.never
        ? `${server} sets no request limit (${limit.description})`
        : `request limit unknown: ${limit.unknown ?? limit.description}`;
  const lines = [
    `${endpoint.label}: ${kills}`,
    ...limit.notes.map((note) => note.message),
    ...waits.map(
      ({ link, ms }) =>
        `← ${link.route.label}, fastcgi_pass ${link.address} (${fastcgiLinkHow(link)}): nginx waits ${formatDuration(ms)}${link.route.readTimeout.value === undefined ? ' (default)' : ''}; ${limit.ms !== undefined && limit.ms <= ms ? 'slow requests get 502, not 504' : 'nginx gives up first (504)'}`,
    ),
  ];
  return `${headline}\n\n${lines.join('  \n')}`;
}

function linksFrom(analysis: Analysis, file: NginxFile, serverDirective: NginxDirective): Link[] {
  return analysis.links.filter((l) => l.server.node.file.path === file.path && l.server.node.directive.start === serverDirective.start);
}

function endpointLocation(analysis: Analysis, endpoint: BackendEndpoint): Location {
  return locate(analysis, endpoint.file.path, endpoint.nameSpan);
}

/** Outline of an nginx file: server blocks by server_name, locations, upstreams. */
export function outline(file: NginxFile): OutlineSymbol[] {
  const walk = (directives: NginxDirective[]): OutlineSymbol[] => {
    const symbols: OutlineSymbol[] = [];
    for (const d of directives) {
      if (!d.block || d.block.kind !== 'directives') continue;
      const children = walk(d.block.children);
      const name = d.name.value;
      const range = file.lines.rangeOf(d);
      const selectionRange = file.lines.rangeOf({ start: d.name.start, end: d.args.at(-1)?.end ?? d.name.end });
      if (name === 'server') {
        const names = d.block.children.find((c) => c.name.value === 'server_name')?.args.map((a) => a.value) ?? [];
        const listen = d.block.children.find((c) => c.name.value === 'listen')?.args[0]?.value;
        symbols.push({
          name: names.length > 0 ? `server ${names.join(' ')}` : 'server',
          detail: listen ? `listen ${listen}` : undefined,
          kind: 'server',
          range,
          selectionRange,
          children,
        });
      } else if (name === 'location' || name === 'upstream') {
        symbols.push({ name: `${name} ${d.args.map((a) => a.raw).join(' ')}`, kind: name, range, selectionRange, children });
      } else if (children.length > 0) {
        symbols.push({
          name: [name, ...d.args.map((a) => a.raw)].join(' '),
          kind: name === 'http' ? 'http' : 'block',
          range,
          selectionRange,
          children,
        });
      }
    }
    return symbols;
  };
  return walk(file.directives);
}

/** Markdown explaining the chain at an upstream name, its keepalive_timeout, or its servers. */
export function hoverAt(analysis: Analysis, file: NginxFile, offset: number, context: HoverContext = {}): string | undefined {
  const hit = directiveAt(file, offset);
  if (!hit?.token) return undefined;
  const upstreamDirective =
    hit.directive.name.value === 'upstream'
      ? hit.directive
      : hit.ancestors.at(-1)?.name.value === 'upstream'
        ? hit.ancestors.at(-1)
        : undefined;
  if (!upstreamDirective) return undefined;
  for (const config of analysis.configs) {
    for (const upstream of config.http.upstreams.values()) {
      if (upstream.node.file.path === file.path && upstream.node.directive.start === upstreamDirective.start)
        return chainHover(analysis, config, upstream, context);
    }
  }
  return undefined;
}

/**
 * Hover on a diagnostic: its message, then each related line with its place, so that what the
 * first sentence leaves out (where each value comes from, retries, versions) is a hover away.
 */
export function findingHover(rootDir: string, finding: Finding): string {
  const lines = [`**${finding.code}**: ${finding.message}`];
  if (finding.related.length > 0) lines.push('');
  for (const { location, message } of finding.related)
    lines.push(`- ${message} (${path.relative(rootDir, location.file) || path.basename(location.file)}:${location.range.start.line + 1})`);
  return lines.join('\n');
}
