// Go to definition, outline and hover over the linked model. LSP-free: the server converts.
import { nginxVersionOf, type Analysis, type BackendEndpoint, type Link, type NginxConfig } from './analysis';
import { linkHow } from './link';
import { fastcgiLinkHow, fastcgiReadMs } from './linkFastcgi';
import { endpointWords } from './backends/kind';
import { quoteToken } from './quote';
import * as path from 'node:path';
import type { Finding, Location, Range } from './types';
import type { NginxDirective, NginxFile, NginxToken } from './nginx/ast';
import type { UpstreamBlock } from './nginx/model';
import { locate, relativePath } from './locate';
import { formatDuration } from './duration';
import { upstreamIdleMs, upstreamReuse, type RouteReuse } from './nginx/reuse';
import { describeBecause, describeOutcome, routeRetry } from './nginx/retry';
import { raceVerdict, type RaceVerdict } from './checks/keepalive-race/verdict';
import { describeVersion } from './nginx/version';

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
export function endpointHoverAt(analysis: Analysis, path: string, offset: number): string | undefined {
  const within = (span: { start: number; end: number }) => span.start <= offset && offset < span.end;
  // Its declaration, or the value deciding its idle timeout where that is in another file (a Spring Boot property).
  const endpoint = analysis.endpoints.find(
    (e) =>
      (e.file.path === path && within(e.span)) ||
      (e.idle.path === path && within(e.idle.span)) ||
      (e.requestLimit?.path === path && within(e.requestLimit.span)),
  );
  if (!endpoint) return undefined;
  const links = analysis.links.filter((l) => l.endpoint === endpoint);
  const { idle, serverName } = endpoint;
  const closes =
    idle.ms !== undefined
      ? `${serverName} closes idle connections after ${formatDuration(idle.ms)} (${idle.origin === 'default' ? `${serverName}'s default` : idle.setting})`
      : idle.never
        ? `${serverName} never closes idle connections`
        : `idle timeout unknown: ${idle.unknown}`;
  const lines = [`**${endpoint.label}**: ${closes}${endpoint.keepsAlive ? '' : `; ${endpoint.noKeepAliveReason}`}.`, ''];
  for (const link of links) lines.push(explainUpstream(analysis, link.config, link.upstream), '');
  const fastcgi = requestLimitLines(analysis, endpoint);
  if (fastcgi.length > 0) return [...lines, ...fastcgi].join('\n').trimEnd();
  if (links.length === 0)
    lines.push(
      endpoint.protocol !== 'http'
        ? `An ${endpoint.protocol.toUpperCase()} ${endpoint.noun}: nginx does not proxy HTTP to it.`
        : `No nginx upstream server is linked to this ${endpoint.noun} (by port or by the \`timeoutChain.links\` setting).`,
    );
  return lines.join('\n').trimEnd();
}

/** For an endpoint with a request limit (a php-fpm pool): the limit, and each fastcgi_pass reaching it with nginx's wait. */
function requestLimitLines(analysis: Analysis, endpoint: BackendEndpoint): string[] {
  const limit = endpoint.requestLimit;
  if (!limit) return [];
  const kills =
    limit.ms !== undefined
      ? `${endpoint.serverName} kills requests after ${formatDuration(limit.ms)} (${limit.description})${limit.actually ? `; ${limit.actually}` : ''}.`
      : limit.never
        ? `${endpoint.serverName} sets no request limit (${limit.description}).`
        : `request limit unknown: ${limit.unknown ?? limit.description}.`;
  const lines = [kills, ...limit.notes.map((note) => `${note.message}.`), ''];
  const links = (analysis.fastcgiLinks ?? []).filter((l) => l.endpoint === endpoint);
  for (const link of links) {
    const waits = fastcgiReadMs(link.route);
    const verdict = limit.ms !== undefined && limit.ms <= waits ? '**slow requests get 502, not 504**' : 'nginx gives up first (504)';
    lines.push(
      `- ${link.route.label}, fastcgi_pass ${link.address} (${fastcgiLinkHow(link)}): nginx waits ${formatDuration(waits)}${link.route.readTimeout.value === undefined ? ' (default)' : ''}; ${verdict}`,
    );
  }
  if (links.length === 0) lines.push(`No fastcgi_pass is linked to this ${endpoint.noun}.`);
  return lines;
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
export function hoverAt(analysis: Analysis, file: NginxFile, offset: number): string | undefined {
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
        return explainUpstream(analysis, config, upstream);
    }
  }
  return undefined;
}

export function explainUpstream(analysis: Analysis, config: NginxConfig, upstream: UpstreamBlock): string {
  const version = nginxVersionOf(analysis, config);
  const reuse = upstreamReuse(config, upstream, version);
  const idleMs = upstreamIdleMs(upstream, version);
  const keeps = Number.isFinite(idleMs)
    ? `for ${formatDuration(idleMs)}${upstream.keepaliveTimeout ? '' : ' (default)'}`
    : `until the server closes them (${describeVersion(version)} has no upstream keepalive_timeout; it came in 1.15.3)`;
  const lines = [
    `**upstream ${quoteToken(upstream.name)}**: nginx keeps idle connections ${keeps}, cache of ${reuse.cacheSize}${reuse.cacheNode ? '' : ' (default)'}.`,
    '',
  ];
  for (const r of reuse.routes)
    lines.push(`- ${r.route.label} (${relativePath(analysis, r.route.node.file.path)}): ${describeRoute(analysis, r)}`);
  if (reuse.routes.length === 0) lines.push('- no proxy_pass (or grpc_pass, fastcgi_pass) sends requests here');
  lines.push('');
  const links = analysis.links.filter((l) => l.upstream === upstream);
  for (const link of links) {
    const idle = link.endpoint.idle;
    const backend =
      idle.ms === undefined
        ? idle.never
          ? 'never times out'
          : `unknown (${idle.unknown})`
        : `closes idle connections after ${formatDuration(idle.ms)} (${idle.setting ?? 'default'})`;
    const verdict = verdictWords[raceVerdict(link.endpoint, reuse, idleMs)];
    const through = link.through ? ` (${linkHow(link)})` : '';
    lines.push(
      `- server ${link.server.address.value} → ${link.endpoint.label}${through}: ${link.endpoint.serverName} ${backend}; ${verdict}`,
    );
  }
  const fastcgi = (analysis.fastcgiLinks ?? []).filter((l) => l.upstream === upstream);
  for (const link of fastcgi)
    lines.push(
      `- server ${link.address} → ${link.endpoint.label} (${fastcgiLinkHow(link)}): FastCGI, never idled out; its request limit is fastcgi-timeout's`,
    );
  if (links.length === 0 && fastcgi.length === 0) lines.push(`- linked to no ${endpointWords(analysis.backends)}`);
  if (version.source) lines.push('', `nginx version: ${version.label}, from ${version.source}.`);
  return lines.join('\n');
}

/** The hover's words for each verdict of the keepalive-race check. */
const verdictWords: Record<RaceVerdict, string> = {
  'no-race': 'no race',
  safe: 'safe: nginx gives up first',
  retried: '**races**: nginx retries every request, so the race costs a retry, not a 502',
  fails: '**races: 502s likely**',
};

/** A route's line in the hover: what it sends, whether it reuses, and what a failed reused connection costs. */
function describeRoute(analysis: Analysis, r: RouteReuse): string {
  const { route } = r;
  const reuses = r.reuses ? 'reuses connections' : `does not reuse: ${r.reason}`;
  if (route.protocol === 'grpc') return `gRPC (grpc_pass): ${reuses}; a gRPC server's timeouts are not read, so no race verdict`;
  if (route.protocol === 'fastcgi')
    return `FastCGI, fastcgi_keep_conn ${route.keepConn.value ?? 'off (default)'}: ${reuses}${r.reuses ? '; php-fpm keeps no idle timeout on FastCGI connections, so no race verdict (its request limit: fastcgi-timeout)' : ''}`;
  if (route.protocol !== 'http') return `${route.protocol}: ${reuses}`;
  const sends = `HTTP/${r.httpVersion}${route.httpVersion.value === undefined ? ' (default)' : ''}, Connection ${r.connection === '' ? 'not sent' : `"${r.connection}"`}${route.connection.value === undefined ? ' (default)' : ''}`;
  if (!r.reuses) return `${sends}: ${reuses}`;
  const retry = routeRetry(route);
  const where = (node: { file: NginxFile; directive: NginxDirective }) =>
    `${relativePath(analysis, node.file.path)}:${node.file.lines.positionAt(node.directive.start).line + 1}`;
  return `${sends}: ${reuses}; if a reused connection fails, ${describeOutcome(retry.outcome).short} (${describeBecause(retry, where)})`;
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
