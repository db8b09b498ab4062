// The hover over a chain, read at a glance: first the verdict with both values, then the race
// picture, then one line per hop (locations, upstream, each server and the backend it reaches),
// what a racing request costs, and links to the fixes and to every chain. Each fact once.
import { nginxVersionOf, type Analysis, type BackendEndpoint, type Link, type NginxConfig } from './analysis';
import { linkHow } from './link';
import { fastcgiLinkHow } from './linkFastcgi';
import { relativePath } from './locate';
import { quoteToken } from './quote';
import { formatDuration } from './duration';
import type { Finding } from './types';
import type { UpstreamBlock } from './nginx/model';
import { upstreamIdleMs, upstreamReuse, type UpstreamReuse } from './nginx/reuse';
import { describeBecause, describeOutcome, type RaceOutcome } from './nginx/retry';
import type { ConfigNode } from './nginx/nodes';
import { raceVerdict, worstRoute, type RaceVerdict } from './checks/keepalive-race/verdict';
import { racePicture, svgDataUri } from './pictures/race';

/** Link targets a front end gives the hover (VS Code: command URIs); none: the hover has no links. */
export interface HoverLinks {
  /** A target applying one fix of a finding. */
  fix?(finding: Finding, title: string): string | undefined;
  /** A target showing every chain. */
  chains?: string;
}

export interface HoverContext {
  /** The analysis's findings: the race findings' fixes become links. */
  findings?: readonly Finding[];
  links?: HoverLinks;
  /** Whether to draw the race (an SVG `data:` image); default true. */
  picture?: boolean;
}

/** The race picture's width in a hover, in CSS pixels: VS Code's hover is about 500 wide. */
const hoverPictureWidth = 440;

/** Locations listed before the rest are counted. */
const shownRoutes = 3;

/** Worst first: the link the headline speaks of. */
const verdictRank: RaceVerdict[] = ['fails', 'retried', 'no-race', 'safe'];

/** The hover of an upstream, or of one backend endpoint's side of it (`focus`). */
export function chainHover(
  analysis: Analysis,
  config: NginxConfig,
  upstream: UpstreamBlock,
  context: HoverContext = {},
  focus?: BackendEndpoint,
): string {
  const version = nginxVersionOf(analysis, config);
  const reuse = upstreamReuse(config, upstream, version);
  const nginxMs = upstreamIdleMs(upstream, version);
  const links = analysis.links.filter((l) => l.upstream === upstream);
  const judged = links.map((link) => ({ link, verdict: raceVerdict(link.endpoint, reuse, nginxMs) }));
  const inFocus = focus ? judged.filter((j) => j.link.endpoint === focus) : judged;
  const headline = [...inFocus].sort((a, b) => verdictRank.indexOf(a.verdict) - verdictRank.indexOf(b.verdict))[0];
  const nginxKeeps = Number.isFinite(nginxMs) ? formatDuration(nginxMs) : undefined;
  // What a racing request costs, at the location proxying there that fares worst.
  const worst = headline?.verdict === 'fails' || headline?.verdict === 'retried' ? worstRoute(reuse) : undefined;

  const blocks: string[] = [headlineOf(analysis, upstream, reuse, headline, nginxKeeps, worst?.retry.outcome)];
  if (headline && context.picture !== false) {
    const { endpoint } = headline.link;
    if ((headline.verdict === 'fails' || headline.verdict === 'retried' || headline.verdict === 'safe') && endpoint.idle.ms !== undefined) {
      const picture = racePicture(
        {
          serverName: endpoint.serverName,
          nginxMs: nginxKeeps === undefined ? null : nginxMs,
          backendMs: endpoint.idle.ms,
          outcome: worst?.retry.outcome,
        },
        'neutral',
        hoverPictureWidth,
      );
      blocks.push(`![${escapeMarkdown(picture.text)}](${svgDataUri(picture.svg)})`);
    }
  }
  blocks.push(hopLines(analysis, upstream, reuse, nginxKeeps, links, focus).join('  \n'));
  if (worst) {
    const where = (node: ConfigNode) =>
      `${relativePath(analysis, node.file.path)}:${node.file.lines.positionAt(node.directive.start).line + 1}`;
    blocks.push(`A request racing the close: ${describeOutcome(worst.retry.outcome).short} (${describeBecause(worst.retry, where)}).`);
  }
  if (version.source) blocks.push(`nginx version: ${version.label}, from ${version.source}.`);
  const actions = actionLinks(analysis, upstream, headline?.link, context, focus);
  if (actions) blocks.push(actions);
  return blocks.join('\n\n');
}

function headlineOf(
  analysis: Analysis,
  upstream: UpstreamBlock,
  reuse: UpstreamReuse,
  headline: { link: Link; verdict: RaceVerdict } | undefined,
  nginxKeeps: string | undefined,
  outcome: RaceOutcome | undefined,
): string {
  const name = quoteToken(upstream.name);
  if (!headline && (analysis.fastcgiLinks ?? []).some((l) => l.upstream === upstream))
    return `**No race:** php-fpm never idles a FastCGI connection out (its request limit is the fastcgi-timeout check's)`;
  if (!headline)
    return reuse.httpRoutes.length === 0 && reuse.routes.length > 0
      ? `**Not reused:** nginx keeps no idle connection to upstream ${name} (${reuse.reason ?? 'no route reuses them'}): nothing races`
      : `**Not linked:** upstream ${name} reaches no backend read here (by port, compose service or the links setting)`;
  const { endpoint } = headline.link;
  const server = endpoint.serverName;
  const backendCloses = endpoint.idle.ms === undefined ? undefined : formatDuration(endpoint.idle.ms);
  const keeps = nginxKeeps ?? `them until ${server} closes`;
  switch (headline.verdict) {
    case 'fails':
      return `**Races:** ${server} closes after ${backendCloses}, nginx keeps ${keeps}: ${describeOutcome(outcome!).brief}`;
    case 'retried':
      return `**Races, retried:** ${server} closes after ${backendCloses}, nginx keeps ${keeps}: nginx retries every request`;
    case 'safe':
      return `**Safe:** nginx gives up first (${nginxKeeps} < ${backendCloses})`;
    case 'no-race':
      if (reuse.httpRoutes.length === 0)
        return `**Not reused:** nginx keeps no idle connection to upstream ${name} (${reuse.reason ?? 'no proxy_pass reuses them'}): nothing races`;
      if (endpoint.protocol !== 'http') return `**Not judged:** ${server} speaks ${endpoint.protocol.toUpperCase()} here, not HTTP`;
      if (!endpoint.keepsAlive)
        return `**Safe:** ${server} keeps no connection alive (${endpoint.noKeepAliveReason ?? 'every response closes it'})`;
      if (endpoint.idle.never) return `**Safe:** ${server} never closes idle connections`;
      return `**Not known:** ${server}'s idle timeout (${endpoint.idle.unknown ?? endpoint.idle.description})`;
  }
}

/** One line per hop: the locations, the upstream, each server and the backend it reaches. */
function hopLines(
  analysis: Analysis,
  upstream: UpstreamBlock,
  reuse: UpstreamReuse,
  nginxKeeps: string | undefined,
  links: Link[],
  focus: BackendEndpoint | undefined,
): string[] {
  const at = (file: string, offset: number) =>
    `${relativePath(analysis, file)}:${(analysis.lines(file)?.positionAt(offset).line ?? 0) + 1}`;
  const lines: string[] = [];
  const routes = reuse.routes.map((r) => {
    const label = `${r.route.label} (${at(r.route.node.file.path, r.route.node.directive.start)})`;
    if (r.route.protocol === 'grpc') return `${label}: gRPC, its server's timeouts not judged`;
    if (r.route.protocol === 'fastcgi') return `${label}: FastCGI, fastcgi_keep_conn ${r.route.keepConn.value ?? 'off (default)'}`;
    return r.reuses ? label : `${label}: no reuse, ${r.reason}`;
  });
  if (routes.length === 0) lines.push('no proxy_pass sends requests here');
  lines.push(...routes.slice(0, shownRoutes));
  if (routes.length > shownRoutes)
    lines.push(`and ${routes.length - shownRoutes} more location${routes.length - shownRoutes === 1 ? '' : 's'}`);
  const timeout = upstream.keepaliveTimeout;
  const keeps = nginxKeeps
    ? `keeps idle connections ${nginxKeeps}${timeout ? '' : ' (default)'}`
    : 'keeps idle connections until the server closes them (no keepalive_timeout before nginx 1.15.3)';
  const byDefault = reuse.decidedByDefaults ? ', reused by nginx 1.29.7+ defaults' : '';
  lines.push(
    `→ upstream ${quoteToken(upstream.name)} ${keeps}${byDefault} (${at(upstream.node.file.path, upstream.node.directive.start)})`,
  );
  for (const server of upstream.servers) {
    const reached = links.filter((l) => l.server === server && (!focus || l.endpoint === focus));
    if (focus && reached.length === 0) continue;
    const head = `→ server ${server.address.value}`;
    const pools = focus ? [] : (analysis.fastcgiLinks ?? []).filter((l) => l.upstream === upstream && l.server === server);
    for (const pool of pools) lines.push(`${head} → ${pool.endpoint.label} ${fastcgiLinkHow(pool)}: FastCGI, never idled out`);
    if (reached.length === 0 && pools.length === 0) lines.push(`${head}: no backend linked`);
    for (const link of reached) lines.push(`${head} → ${backendHop(link, at)}`);
  }
  return lines;
}

function backendHop(link: Link, at: (file: string, offset: number) => string): string {
  const { endpoint } = link;
  const { idle } = endpoint;
  const closes =
    idle.ms !== undefined
      ? `closes after ${formatDuration(idle.ms)} (${idle.description})`
      : idle.never
        ? 'never closes idle connections'
        : `idle timeout unknown: ${idle.unknown ?? idle.description}`;
  const through = link.through ? ` ${linkHow(link)}` : '';
  const assumed = idle.assumed ? `; ${idle.assumed.versions} assumed` : '';
  // The value's place when another file than the declaration's decides it (a Spring Boot profile file).
  const where = idle.path === endpoint.file.path ? '' : ` (${at(idle.path, idle.span.start)})`;
  return `${endpoint.label}${through}: ${endpoint.serverName} ${closes}${assumed}${where}`;
}

/** The fixes of the race finding where the hover is (or on the upstream), and the chain view. */
function actionLinks(
  analysis: Analysis,
  upstream: UpstreamBlock,
  link: Link | undefined,
  context: HoverContext,
  focus: BackendEndpoint | undefined,
): string | undefined {
  const links = context.links ?? {};
  const parts: string[] = [];
  const finding = link && raceFinding(analysis, upstream, link.endpoint, context.findings ?? [], focus !== undefined);
  if (finding && links.fix)
    for (const fix of finding.fixes) {
      const target = links.fix(finding, fix.title);
      if (target) parts.push(`[${escapeMarkdown(fix.title)}](${target})`);
    }
  if (links.chains) parts.push(`[Show all chains](${links.chains})`);
  return parts.length > 0 ? parts.join(' · ') : undefined;
}

/** The race finding on the hovered side: the upstream's line, or the line deciding the endpoint's timeout. */
function raceFinding(
  analysis: Analysis,
  upstream: UpstreamBlock,
  endpoint: BackendEndpoint,
  findings: readonly Finding[],
  backendSide: boolean,
): Finding | undefined {
  const [file, offset] = backendSide
    ? [endpoint.idle.path, endpoint.idle.span.start]
    : [upstream.node.file.path, upstream.node.directive.start];
  const line = analysis.lines(file)?.positionAt(offset).line;
  return findings.find(
    (f) => f.code === 'keepalive-race' && f.location.file === file && f.location.range.start.line === line && f.fixes.length > 0,
  );
}

/** Text safe inside Markdown link text or image alt text (an intraword `_` is no emphasis in CommonMark). */
function escapeMarkdown(text: string): string {
  return text.replace(/[\\[\]*`<>]/g, (ch) => `\\${ch}`);
}
