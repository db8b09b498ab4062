// The two repairs of a keep-alive race: give the backend the longer idle timeout (preferred), or
// make nginx give up idle connections sooner. Values follow keepalive-rules.md "Margin", within
// what each side accepts: whatever the margins, a fix writes a whole number its target parses.
import { nginxVersionOf, type Analysis, type BackendEndpoint, type Link } from '../../analysis';
import type { FixMargins } from '../../settings';
import type { Fix, TextEdit } from '../../types';
import { ceilToSecond, formatDuration } from '../../duration';
import { formatNginxTime } from '../../nginx/values';
import { describeVersion, hasUpstreamIdleTimer } from '../../nginx/version';
import { maxInt32, type Locator } from '../../backends/endpoint';
import { locate } from '../../locate';
import { quoteToken } from '../../quote';
import { insertInBlock, removeDirective, replaceToken } from '../nginxEdits';

/** A margin as a usable number: NaN and negatives (never valid settings) count as none. */
function margin(value: number): number {
  return value > 0 ? value : 0;
}

/**
 * At least max(nginx + 50 %, nginx + 5 s), rounded up to whole seconds (60 s -> 90 s), always
 * longer than nginx's (a tie races), and at most `maxMs`, the longest the backend accepts (by
 * default a 32-bit int, as Tomcat's int setters take: a larger number is refused and the old
 * timeout stays). The result may then not beat nginx's: the caller checks.
 */
export function raisedUpstreamMs(nginxMs: number, margins: FixMargins, maxMs = maxInt32): number {
  const wanted = Math.max(
    nginxMs * (1 + margin(margins.upstreamMarginPercent) / 100),
    nginxMs + margin(margins.upstreamMarginMinSeconds) * 1000,
    nginxMs + 1,
  );
  const value = ceilToSecond(wanted);
  return Number.isNaN(value) ? maxMs : Math.min(value, maxMs);
}

/**
 * Below the upstream's by at least max(1 s, 10 %) and by at least 1 ms, in whole seconds when
 * that leaves at least 1 s, else half the upstream's (0 when nothing sensible is lower: then no
 * fix is offered). Always a whole number of ms below the upstream's, so it fits nginx's msec parser.
 */
export function loweredProxyMs(upstreamMs: number, margins: FixMargins): number {
  if (!Number.isFinite(upstreamMs) || upstreamMs < 2) return 0;
  const target =
    upstreamMs - Math.max(upstreamMs * (margin(margins.proxyMarginPercent) / 100), margin(margins.proxyMarginMinSeconds) * 1000, 1);
  if (target >= 1000) return Math.floor(target / 1000) * 1000;
  return Math.floor(upstreamMs / 2);
}

/**
 * Raising the backend's timeout fixes the race only when the value it accepts beats nginx's. When
 * nginx keeps connections longer than the backend can (Tomcat: about 24.8 days), no raise is
 * offered: never timing out would, but it keeps every idle client of the endpoint open for
 * ever, so lowering nginx's timeout is the fix then.
 */
export function raiseBackendFix(analysis: Analysis, endpoint: BackendEndpoint, nginxMs: number): Fix | undefined {
  if (!Number.isFinite(nginxMs)) return undefined; // nginx before 1.15.3 outlasts any timeout
  const raise = endpoint.raise;
  const value = raisedUpstreamMs(nginxMs, analysis.settings.fix, raise.maxMs);
  if (!(value > nginxMs)) return undefined;
  const edits = raise.edits(value, locator(analysis));
  const created = edits ? undefined : raise.creates?.(value);
  if (!edits && !created) return undefined;
  const limit = value === raise.maxMs ? `; the most ${endpoint.serverName} accepts` : '';
  const origin = { line: 0, character: 0 };
  return {
    title: `Set ${raise.setting} to ${raise.display?.(value) ?? `${value} ms`} (longer than nginx's ${formatDuration(nginxMs)}${limit})`,
    isPreferred: true,
    ...(created ? { createsFiles: [created.file] } : {}),
    edits: edits ?? [{ file: created!.file, range: { start: origin, end: origin }, newText: created!.text }],
  };
}

/** Places spans of the files the analysis read; a file it has no text for takes no edit. */
function locator(analysis: Analysis): Locator {
  return (file, span) => (analysis.lines(file) ? locate(analysis, file, span) : undefined);
}

export function lowerNginxFix(analysis: Analysis, link: Link, backendMs: number): Fix | undefined {
  // The upstream keepalive_timeout directive exists since nginx 1.15.3 (version.ts).
  if (!hasUpstreamIdleTimer(nginxVersionOf(analysis, link.config))) return undefined;
  const value = loweredProxyMs(backendMs, analysis.settings.fix);
  if (!(value > 0 && value < backendMs)) return undefined;
  const text = formatNginxTime(value);
  const timeout = link.upstream.keepaliveTimeout;
  const block = link.upstream.node;
  const edit: TextEdit = timeout
    ? replaceToken(analysis, timeout.node.file, timeout.token, text)
    : insertInBlock(analysis, block.file, block.directive, [`keepalive_timeout ${text};`], anchorIn(block.directive));
  return {
    title: `Lower nginx upstream keepalive_timeout to ${text} (shorter than ${link.endpoint.serverName}'s ${formatDuration(backendMs)})`,
    isPreferred: false,
    edits: [edit],
  };
}

/** After the `keepalive` line if there is one, else after the block's last directive written in its file. */
function anchorIn(block: Link['upstream']['node']['directive']) {
  const siblings = (block.block?.children ?? []).filter((c) => c.name.value !== 'include');
  return siblings.find((c) => c.name.value === 'keepalive') ?? siblings[siblings.length - 1];
}

/**
 * Before nginx 1.15.3 a cached upstream connection stays until the server closes it, so only
 * turning the cache off ends the race (or upgrading nginx, which no edit does). Reuse needs an
 * explicit `keepalive N` in those versions, and `keepalive 0` is refused there ("invalid value"
 * in the 1.14 module), so the line goes.
 */
export function removeCacheFix(analysis: Analysis, link: Link): Fix | undefined {
  const version = nginxVersionOf(analysis, link.config);
  if (hasUpstreamIdleTimer(version)) return undefined;
  const cache = link.upstream.keepalive?.node;
  if (!cache) return undefined;
  return {
    title: `Remove "keepalive ${link.upstream.keepalive!.count}" from upstream ${quoteToken(link.upstream.name)} (${describeVersion(version)} never times out idle upstream connections)`,
    isPreferred: true,
    edits: [removeDirective(analysis, cache.file, cache.directive)],
  };
}
