import { nginxVersionOf, type Analysis, type BackendEndpoint, type Link } from '../../analysis';
import type { Finding, Location } from '../../types';
import { quoteToken } from '../../quote';
import { formatMessage, type Check, type CheckContext } from '../check';
import { formatDuration } from '../../duration';
import { upstreamIdleMs, upstreamReuse, type UpstreamReuse } from '../../nginx/reuse';
import { describeBecause, describeOutcome } from '../../nginx/retry';
import type { ConfigNode, UpstreamBlock } from '../../nginx/model';
import { describeVersion, type NginxVersion } from '../../nginx/version';
import { locate, relativePath } from '../../locate';
import { lowerNginxFix, raiseBackendFix } from './fixes';
import { mayRace, races, raceSeverity, worstRoute } from './verdict';

export const keepaliveRace: Check = {
  id: 'keepalive-race',
  description: 'nginx keeps an idle upstream connection at least as long as Tomcat does, so requests race Tomcat closing it and get 502.',
  severity: { default: 'warning', otherwise: 'info when nginx retries every racing request (raceSeverity in verdict.ts)' },
  messages: {
    nginxSide:
      'nginx keeps idle connections to upstream {{upstream}} for {{nginxTimeout}} ({{nginxSource}}), but {{server}} closes them after {{backendTimeout}} ({{backendSource}}, {{endpoint}}): {{consequence}}{{defaultsNote}}',
    backendSide:
      "{{server}} closes idle connections after {{backendTimeout}} ({{backendSource}}), {{order}} nginx's upstream {{upstream}} keepalive_timeout of {{nginxTimeout}} ({{nginxSource}}, {{nginxFile}}): {{consequence}}{{defaultsNote}}",
    nginxRelated: '{{server}} closes idle connections after {{backendTimeout}} here',
    backendRelated: 'nginx keeps idle connections for {{nginxTimeout}} here',
  },
  // What upstreamReuse and routeRetry read beyond the model's own, and where the lowering is inserted.
  nginxDirectives: [
    'upstream',
    'server',
    'keepalive',
    'keepalive_timeout',
    'proxy_pass',
    'proxy_http_version',
    'proxy_set_header',
    'proxy_next_upstream',
    'proxy_request_buffering',
  ],
  docs: {
    finds:
      "An nginx `upstream` that reuses idle connections (a `keepalive` cache, HTTP/1.1, no `Connection: close`) for a `proxy_pass`, linked to a Tomcat HTTP Connector whose idle timeout (`keepAliveTimeout`, else `connectionTimeout`, else 60 s) is not longer than the upstream's `keepalive_timeout` (default 60 s). A warning when some requests racing the close get 502; information when every location proxying there retries every request (`proxy_next_upstream` with `error` and `non_idempotent`, request body buffered): the race then costs a retry, not a 502. Upstreams reached through `grpc_pass` or `fastcgi_pass` are modelled as reusing (gRPC always, FastCGI with `fastcgi_keep_conn on`) and shown in the hover, but not judged: their gRPC or FastCGI servers are not read.",
    why: "When Tomcat's idle timer fires first, it closes the connection while nginx still holds it as reusable. A request nginx sends at that moment crosses Tomcat's FIN; Tomcat answers it with RST and nginx logs `upstream prematurely closed connection` or `Connection reset by peer`. nginx then retries the request on another connection when it may: a failure on a cached connection gives its try back, so neither `proxy_next_upstream_tries` nor a single-server upstream stops that retry. It may not when `proxy_next_upstream` lacks `error` (or is `off`): every racing request gets 502 Bad Gateway; when it lacks `non_idempotent` (the default `error timeout`): POST, PATCH and LOCK get 502, GET, HEAD, PUT and DELETE are retried; when `proxy_request_buffering off` streams a body that had not fully arrived: that request gets 502. The message names the location that loses most. Equal timeouts race too: both fire together. Since nginx 1.29.7 upstream keep-alive is on by default, so configurations without any keepalive lines are exposed after an upgrade.",
    example: [
      '```nginx',
      'upstream app_backend {',
      '    server 10.0.0.21:8080;',
      '    keepalive 32;            # keepalive_timeout defaults to 60s',
      '}',
      '```',
      '```xml',
      '<Connector port="8080" protocol="HTTP/1.1" connectionTimeout="7000" />',
      '```',
    ].join('\n'),
    fix: "Give Tomcat the longer idle timeout: set `keepAliveTimeout` above nginx's `keepalive_timeout` with a margin (90000 against 60s), leaving `connectionTimeout`, which also bounds how long a new connection may take to send its request, alone. Or lower the upstream's `keepalive_timeout` below Tomcat's timeout by at least a second. Both are offered as quick fixes; raising Tomcat's is preferred. Tomcat reads these attributes as a Java `int`, so the raise is at most 2147483647 ms (about 24.8 days; a larger number is refused with \"failed to set property\", in server.xml and catalina.properties alike). When nginx keeps idle connections longer than that, only the lowering is offered: `-1` (never time out) would also end the race, but it keeps every idle client of the connector open for good. The lowering is not offered for nginx before 1.15.3, which has no upstream `keepalive_timeout`.",
  },
  run: findRaces,
};

function findRaces(context: CheckContext): void {
  const { analysis } = context;
  const reported = new Set<string>();
  const bounds = fixBounds(analysis);
  for (const link of analysis.links) {
    const endpoint = link.endpoint;
    const reuse = upstreamReuse(link.config, link.upstream, nginxVersionOf(analysis, link.config));
    if (!races(endpoint, reuse, upstreamIdleMs(link.upstream))) continue;
    const key = `${link.upstream.node.file.path}:${link.upstream.node.directive.start}|${endpoint.key}`;
    if (reported.has(key)) continue;
    reported.add(key);
    // The reuse is rebuilt when its routes or the version change, the endpoint when its backend
    // file does; the fix bounds come from other links, so they are inputs of their own.
    const inputs = [bounds.maxNginxMs.get(endpoint), bounds.minBackendMs.get(link.upstream)];
    context.reportAll(context.findings([reuse, endpoint], inputs, () => raceFindings(context, link, reuse, bounds, endpoint.idle.ms!)));
  }
}

function raceFindings(context: CheckContext, link: Link, reuse: UpstreamReuse, bounds: FixBounds, backendMs: number): Finding[] {
  const { analysis } = context;
  const { upstream, endpoint } = link;
  const nginxMs = upstreamIdleMs(upstream);
  const timeout = upstream.keepaliveTimeout;
  const nginxLocation = timeout
    ? locate(analysis, timeout.node.file.path, timeout.token)
    : locate(analysis, upstream.node.file.path, upstreamHeader(link));
  const backendLocation = locate(analysis, endpoint.idle.path, endpoint.idle.span);
  const { consequence, severity } = raceConsequence(context, reuse);
  const fixes = [
    raiseBackendFix(analysis, endpoint, bounds.maxNginxMs.get(endpoint) ?? nginxMs),
    lowerNginxFix(analysis, link, bounds.minBackendMs.get(upstream) ?? backendMs),
  ].filter((f) => f !== undefined);
  const values = {
    server: endpoint.serverName,
    upstream: quoteToken(upstream.name),
    nginxTimeout: formatDuration(nginxMs),
    nginxSource: upstream.keepaliveTimeout ? 'keepalive_timeout' : 'keepalive_timeout unset, nginx default',
    nginxFile: relativePath(analysis, upstream.node.file.path),
    backendTimeout: formatDuration(backendMs),
    backendSource: endpoint.idle.description,
    endpoint: endpoint.label,
    order: nginxMs === backendMs ? 'at the same moment as' : 'before',
    consequence,
    defaultsNote: reuseNote(reuse, nginxVersionOf(analysis, link.config)),
  };
  const { messages } = keepaliveRace;
  const finding = (location: Location, message: string, other: Location, otherMessage: string): Finding => ({
    code: keepaliveRace.id,
    severity,
    message: formatMessage(message, values),
    location,
    related: [{ location: other, message: formatMessage(otherMessage, values) }],
    fixes,
  });
  return [
    finding(nginxLocation, messages.nginxSide, backendLocation, messages.nginxRelated),
    finding(backendLocation, messages.backendSide, nginxLocation, messages.backendRelated),
  ];
}

/** What a request racing the close costs, by the worst of the reusing proxy_pass routes. */
function raceConsequence(context: CheckContext, reuse: UpstreamReuse): { consequence: string; severity: Finding['severity'] } {
  const routes = reuse.httpRoutes;
  // Kept with the reuse: it holds no place (places are read when the message is written).
  const worst = context.derived(reuse, worstRoute);
  const { route, retry } = worst;
  const { who, spared } = describeOutcome(retry.outcome);
  const others = routes.length > 1 ? `; the worst of ${routes.length} locations proxying here` : '';
  const why = `${route.label}: ${describeBecause(retry, (node) => where(context.analysis, node))}${others}`;
  const consequence = retry.outcome === 'retried' ? `${who} (${why}).` : `${who} (${spared}; ${why}).`;
  return { consequence, severity: raceSeverity(worst) };
}

function where(analysis: Analysis, node: ConfigNode): string {
  return `${relativePath(analysis, node.file.path)}:${node.file.lines.positionAt(node.directive.start).line + 1}`;
}

/** Says why nginx reuses connections when its version defaults, not the file, decided it. */
function reuseNote(reuse: UpstreamReuse, version: NginxVersion): string {
  if (!reuse.decidedByDefaults) return '';
  return ` nginx reuses these connections by default in ${describeVersion(version)} (keepalive 32, HTTP/1.1, no Connection header).`;
}

/** `upstream NAME`: the words to underline when keepalive_timeout is not written. */
function upstreamHeader(link: Link) {
  const directive = link.upstream.node.directive;
  return { start: directive.name.start, end: directive.args[0]?.end ?? directive.name.end };
}

/**
 * What the fixes must beat, over all links at once: per connector the longest idle timeout of the
 * reusing upstreams linked to it (a raise must beat them all), per upstream the shortest idle
 * timeout of its linked endpoints (a lowered value must be below them all).
 */
function fixBounds(analysis: Analysis): FixBounds {
  const bounds: FixBounds = { maxNginxMs: new Map(), minBackendMs: new Map() };
  for (const { config, upstream, endpoint } of analysis.links) {
    const ms = endpoint.idle.ms;
    if (ms !== undefined && mayRace(endpoint)) bounds.minBackendMs.set(upstream, Math.min(ms, bounds.minBackendMs.get(upstream) ?? ms));
    if (upstreamReuse(config, upstream, nginxVersionOf(analysis, config)).httpRoutes.length > 0) {
      const nginxMs = upstreamIdleMs(upstream);
      bounds.maxNginxMs.set(endpoint, Math.max(nginxMs, bounds.maxNginxMs.get(endpoint) ?? nginxMs));
    }
  }
  return bounds;
}

interface FixBounds {
  maxNginxMs: Map<BackendEndpoint, number>;
  minBackendMs: Map<UpstreamBlock, number>;
}
