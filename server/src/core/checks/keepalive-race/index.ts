import { nginxVersionOf, type Analysis, type BackendEndpoint, type Link } from '../../analysis';
import type { Finding, Location, RelatedLocation } from '../../types';
import { quoteToken } from '../../quote';
import { formatMessage, type Check, type CheckContext } from '../check';
import { formatDuration } from '../../duration';
import { upstreamIdleMs, upstreamReuse, type UpstreamReuse } from '../../nginx/reuse';
import { describeBecause, describeOutcome } from '../../nginx/retry';
import type { ConfigNode, UpstreamBlock } from '../../nginx/model';
import { describeVersion } from '../../nginx/version';
import { locate, relativePath } from '../../locate';
import { lowerNginxFix, raiseBackendFix, removeCacheFix } from './fixes';
import { mayRace, races, raceSeverity, worstRoute } from './verdict';
import { raceSentence, type RaceFacts } from './sentence';

export const keepaliveRace: Check = {
  id: 'keepalive-race',
  description: 'nginx keeps an idle upstream connection at least as long as Tomcat does, so requests race Tomcat closing it and get 502.',
  severity: { default: 'warning', otherwise: 'info when nginx retries every racing request (raceSeverity in verdict.ts)' },
  // The first sentence names the outcome and both values; the related information says where each
  // value comes from, what nginx retries and which version's defaults were assumed.
  messages: {
    nginxSide: '{{server}} closes idle connections after {{backendTimeout}}, {{nginxKeeps}}: {{outcome}}',
    nginxKeeps: 'nginx keeps them {{nginxTimeout}}',
    nginxKeepsForever: '{{version}} keeps them until then',
    backendSide: '{{upstreams}} idle connections {{nginxTimeout}}, {{server}} closes them after {{backendTimeout}}: {{outcome}}',
    backendSideForever: '{{upstreams}} idle connections until {{server}} closes them ({{backendTimeout}}; {{version}}): {{outcome}}',
    backendRelated: '{{server}} closes idle connections after {{backendTimeout}} here: {{backendSource}} ({{endpoint}})',
    nginxRelated: 'nginx keeps idle connections to upstream {{upstream}} for {{nginxTimeout}} here: {{nginxSource}}{{tie}}',
    nginxRelatedForever:
      '{{version}} keeps idle connections to upstream {{upstream}} until the server closes them: it has no upstream keepalive_timeout (that came in nginx 1.15.3), so every finite server timeout races; turn reuse off (remove keepalive) or upgrade nginx',
    retryRelated: '{{route}}: {{because}}: {{who}}{{spared}}{{others}}',
    defaultsRelated: 'nginx reuses these connections by default in {{version}} (keepalive 32, HTTP/1.1, no Connection header)',
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
      "An nginx `upstream` that reuses idle connections (a `keepalive` cache, HTTP/1.1, no `Connection: close`) for a `proxy_pass`, linked to a Tomcat HTTP Connector whose idle timeout (`keepAliveTimeout`, else `connectionTimeout`, else 60 s) is not longer than the upstream's `keepalive_timeout` (default 60 s). A warning when some requests racing the close get 502; information when every location proxying there retries every request (`proxy_next_upstream` with `error` and `non_idempotent`, request body buffered): the race then costs a retry, not a 502. Upstreams reached through `grpc_pass` or `fastcgi_pass` are modelled as reusing (gRPC always, FastCGI with `fastcgi_keep_conn on`) and shown in the hover, but not judged: gRPC servers are not read, and php-fpm, the FastCGI server read, sets no idle timeout on a connection its worker holds (its request limit is [`fastcgi-timeout`](fastcgi-timeout.md)'s).",
    why: "When Tomcat's idle timer fires first, it closes the connection while nginx still holds it as reusable. A request nginx sends at that moment crosses Tomcat's FIN; Tomcat answers it with RST and nginx logs `upstream prematurely closed connection` or `Connection reset by peer`. nginx then retries the request on another connection when it may: a failure on a cached connection gives its try back, so neither `proxy_next_upstream_tries` nor a single-server upstream stops that retry. It may not when `proxy_next_upstream` lacks `error` (or is `off`): every racing request gets 502 Bad Gateway; when it lacks `non_idempotent` (the default `error timeout`): POST, PATCH and LOCK get 502, GET, HEAD, PUT and DELETE are retried; when `proxy_request_buffering off` streams a body that had not fully arrived: that request gets 502. The related information names the location that loses most and the setting that decided it. Equal timeouts race too: both fire together. Since nginx 1.29.7 upstream keep-alive is on by default, so configurations without any keepalive lines are exposed after an upgrade. Before nginx 1.15.3 there is no upstream `keepalive_timeout` at all: the keepalive module set no idle timer on cached connections (no `ngx_add_timer` in the 1.14 `ngx_http_upstream_keepalive_module.c`; the directive came with commit 7de808990, listed in nginx's changes.xml for 1.15.3), so a cached connection stays until the server closes it and every finite server idle timeout races, however long. The message's first sentence names the outcome and both timeouts; where each value comes from (the attribute, or the default that applied, and its file), what nginx retries and the nginx version assumed are its related information, each at its place, and the hover on the diagnostic lists them.",
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
    fix: "Give Tomcat the longer idle timeout: set `keepAliveTimeout` above nginx's `keepalive_timeout` with a margin (90000 against 60s), leaving `connectionTimeout`, which also bounds how long a new connection may take to send its request, alone. Or lower the upstream's `keepalive_timeout` below Tomcat's timeout by at least a second. Both are offered as quick fixes; raising Tomcat's is preferred. Tomcat reads these attributes as a Java `int`, so the raise is at most 2147483647 ms (about 24.8 days; a larger number is refused with \"failed to set property\", in server.xml and catalina.properties alike). When nginx keeps idle connections longer than that, only the lowering is offered: `-1` (never time out) would also end the race, but it keeps every idle client of the connector open for good. For nginx before 1.15.3 (`timeoutChain.nginx.version`) neither helps, since nginx never gives up an idle upstream connection: the fix removes the upstream's `keepalive` line (reuse needs it in those versions, and they refuse `keepalive 0`), or upgrade nginx to 1.15.3 or later and set `keepalive_timeout` below the server's. When several upstreams reach one connector, its one finding names them all, and the lowering lowers each of them.",
  },
  run: findRaces,
  mergeMessage: (findings) =>
    raceSentence(
      findings.map((f) => raceFacts.get(f)).filter((f) => f !== undefined),
      keepaliveRace.messages,
    ) ?? findings[0].message,
};

const raceFacts = new WeakMap<Finding, RaceFacts>();

function findRaces(context: CheckContext): void {
  const { analysis } = context;
  const reported = new Set<string>();
  const bounds = fixBounds(analysis);
  for (const link of analysis.links) {
    const endpoint = link.endpoint;
    const version = nginxVersionOf(analysis, link.config);
    const reuse = upstreamReuse(link.config, link.upstream, version);
    if (!races(endpoint, reuse, upstreamIdleMs(link.upstream, version))) continue;
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
  const version = nginxVersionOf(analysis, link.config);
  const nginxMs = upstreamIdleMs(upstream, version);
  const forever = !Number.isFinite(nginxMs);
  const timeout = upstream.keepaliveTimeout;
  const headerLocation = locate(analysis, upstream.node.file.path, upstreamHeader(link));
  const nginxLocation = timeout && !forever ? locate(analysis, timeout.node.file.path, timeout.token) : headerLocation;
  const backendLocation = locate(analysis, endpoint.idle.path, endpoint.idle.span);
  const worst = context.derived(reuse, worstRoute); // holds no place: kept with the reuse
  const severity = raceSeverity(worst);
  const fixes = [
    removeCacheFix(analysis, link),
    raiseBackendFix(analysis, endpoint, bounds.maxNginxMs.get(endpoint) ?? nginxMs),
    lowerNginxFix(analysis, link, bounds.minBackendMs.get(upstream) ?? backendMs),
  ].filter((f) => f !== undefined);
  const { messages } = keepaliveRace;
  const values = {
    server: endpoint.serverName,
    upstream: quoteToken(upstream.name),
    nginxTimeout: forever ? 'ever' : formatDuration(nginxMs),
    nginxSource: timeout
      ? `keepalive_timeout in ${relativePath(analysis, timeout.node.file.path)}`
      : 'keepalive_timeout unset, nginx default',
    tie: nginxMs === backendMs ? `, the same as ${endpoint.serverName}'s: both fire together, which races` : '',
    backendTimeout: formatDuration(backendMs),
    backendSource: endpoint.idle.description,
    endpoint: endpoint.label,
    version: describeVersion(version),
  };
  const related: { nginx: RelatedLocation; backend: RelatedLocation; more: RelatedLocation[] } = {
    backend: { location: backendLocation, message: formatMessage(messages.backendRelated, values) },
    nginx: { location: nginxLocation, message: formatMessage(forever ? messages.nginxRelatedForever : messages.nginxRelated, values) },
    more: [retryRelated(context, reuse)],
  };
  if (reuse.decidedByDefaults) related.more.push({ location: headerLocation, message: formatMessage(messages.defaultsRelated, values) });
  const facts = (side: RaceFacts['side']): RaceFacts => ({
    side,
    upstream: upstream.name,
    server: endpoint.serverName,
    backendMs,
    nginxMs,
    version: values.version,
    outcome: worst.retry.outcome,
  });
  const finding = (location: Location, side: RaceFacts['side'], first: RelatedLocation, second: RelatedLocation): Finding => {
    const made: Finding = {
      code: keepaliveRace.id,
      severity,
      message: raceSentence([facts(side)], messages)!,
      location,
      related: [first, second, ...related.more],
      fixes,
    };
    raceFacts.set(made, facts(side));
    return made;
  };
  return [
    finding(nginxLocation, 'nginx', related.backend, related.nginx),
    finding(backendLocation, 'backend', related.nginx, related.backend),
  ];
}

/** What a request racing the close costs, by the worst of the reusing proxy_pass routes, where the deciding setting is. */
function retryRelated(context: CheckContext, reuse: UpstreamReuse): RelatedLocation {
  const { analysis } = context;
  const { route, retry } = context.derived(reuse, worstRoute);
  const { who, spared } = describeOutcome(retry.outcome);
  const routes = reuse.httpRoutes.length;
  const decidedBy = retry.because.find((b) => b.setting.node)?.setting.node ?? route.node;
  return {
    location: locate(analysis, decidedBy.file.path, decidedBy.directive),
    message: formatMessage(keepaliveRace.messages.retryRelated, {
      route: route.label,
      who,
      spared: spared ? ` (${spared})` : '',
      because: describeBecause(retry, (node) => where(analysis, node)),
      others: routes > 1 ? `; the worst of ${routes} locations proxying here` : '',
    }),
  };
}

function where(analysis: Analysis, node: ConfigNode): string {
  return `${relativePath(analysis, node.file.path)}:${node.file.lines.positionAt(node.directive.start).line + 1}`;
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
    const version = nginxVersionOf(analysis, config);
    if (upstreamReuse(config, upstream, version).httpRoutes.length > 0) {
      const nginxMs = upstreamIdleMs(upstream, version);
      bounds.maxNginxMs.set(endpoint, Math.max(nginxMs, bounds.maxNginxMs.get(endpoint) ?? nginxMs));
    }
  }
  return bounds;
}

interface FixBounds {
  maxNginxMs: Map<BackendEndpoint, number>;
  minBackendMs: Map<UpstreamBlock, number>;
}
