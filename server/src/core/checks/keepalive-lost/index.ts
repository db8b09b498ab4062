import { nginxVersionOf, type Analysis, type NginxConfig } from '../../analysis';
import type { NginxVersion } from '../../nginx/version';
import type { Finding, RelatedLocation } from '../../types';
import { quoteToken } from '../../quote';
import { formatMessage, type Check, type CheckContext } from '../check';
import type { ConfigNode, UpstreamBlock } from '../../nginx/model';
import { upstreamReuse, type RouteReuse, type UpstreamReuse } from '../../nginx/reuse';
import { describeVersion } from '../../nginx/version';
import { locate, relativePath } from '../../locate';
import { restoreFix } from './fix';

export const keepaliveLost: Check = {
  id: 'keepalive-lost',
  description:
    'An upstream keeps a keep-alive cache, but a location proxying to it still sends HTTP/1.0 or "Connection: close", so nothing is reused.',
  severity: { default: 'warning' },
  // The first sentence says what is sent and which cache is wasted; where each value comes from
  // is the related information's.
  messages: {
    lost: "proxy_pass sends {{sends}}: upstream {{upstream}}'s keepalive cache is wasted",
    oldHttp: 'HTTP/{{version}}',
    close: '"Connection: close"',
    httpRelated: '{{route}} proxies with HTTP/{{version}}: {{source}}',
    closeRelated: '{{route}} sends "Connection: close": {{source}}',
    outcomeRelated: 'nginx closes each connection to upstream {{upstream}} after one request, so nothing is reused',
    cacheRelated: 'upstream {{upstream}} keeps {{count}} idle connections here',
    droppedByRelated: 'this proxy_set_header stops the outer ones from being inherited',
    droppedRelated: 'not inherited by the location',
    mapRelated:
      'this map gives plain requests (no Upgrade header) "Connection: close"; the keep-alive cache is wasted, not broken: nothing fails',
  },
  // What the routes' reuse reads, and what the fix reads to place and copy its lines (map entries: '' and default).
  nginxDirectives: ['upstream', 'keepalive', 'proxy_pass', 'proxy_http_version', 'proxy_set_header', 'map', '', 'default'],
  docs: {
    finds:
      'A `proxy_pass` to an `upstream` that has a `keepalive` cache, in a location whose effective `proxy_http_version` is not 1.1 or whose `Connection` header is `close`: most often because the location sets a `proxy_set_header` of its own, which stops every outer `proxy_set_header` (the `Connection ""` among them) from being inherited.',
    why: 'nginx reuses an upstream connection only after an HTTP/1.1 exchange without `Connection: close`. Otherwise it closes the connection after every response: each request pays a new TCP (and TLS) handshake, the upstream sees a connection storm under load, and the `keepalive` line does nothing. Before nginx 1.29.7 both defaults are wrong for reuse (HTTP/1.0, `Connection: close`). Nothing fails: the cache is wasted. The message says what the `proxy_pass` sends and whose cache it wastes; its related information says where each value comes from (the directive and line, the dropped inherited header, the WebSocket `map`, or the version default) and points at the `keepalive` line.',
    example: [
      '```nginx',
      'server {',
      '    proxy_http_version 1.1;',
      '    proxy_set_header Connection "";',
      '    location /api/ {',
      '        proxy_set_header X-Real-IP $remote_addr;   # drops the Connection "" above',
      '        proxy_pass http://app;',
      '    }',
      '}',
      '```',
    ].join('\n'),
    fix: "Give the location `proxy_http_version 1.1;` and `proxy_set_header Connection \"\";`. The quick fix changes the one the location already sets (a second `proxy_http_version` is a duplicate nginx refuses) and adds what is missing; a `proxy_pass` inside `if` or `limit_except` gets them in its enclosing location, since nginx allows neither directive there. When a location sets no `proxy_set_header` of its own yet, adding one stops the inherited ones: the quick fix copies those along (only the ones nginx accepts) so that nothing else changes. With the WebSocket recipe (`proxy_set_header Connection $connection_upgrade;` and a `map $http_upgrade` whose `''` entry is `close`), the map's `''` entry becomes empty instead: plain requests then keep the connection and upgrades still send `Connection: upgrade`. A map keyed on anything else gets no quick fix.",
  },
  run: (context) => {
    for (const config of context.analysis.configs)
      for (const upstream of config.http.upstreams.values()) context.reportAll(lostRoutes(context, config, upstream));
  },
};

function lostRoutes(context: CheckContext, config: NginxConfig, upstream: UpstreamBlock): Finding[] {
  if (!upstream.keepalive || upstream.keepalive.count <= 0) return [];
  const { analysis } = context;
  const reuse = upstreamReuse(config, upstream, nginxVersionOf(analysis, config));
  // A reuse is rebuilt whenever its upstream or routes change. Which routes lose holds no place, so
  // it is kept while the reuse lives; the findings quote places, so a move makes them again.
  const lost = context.derived(reuse, lostRoutesOf);
  return context.findings([reuse], [], () => lost.map((r) => finding(analysis, upstream, r, nginxVersionOf(analysis, config))));
}

/** Only proxy_pass: HTTP version and Connection header are what this check can repair. */
function lostRoutesOf(reuse: UpstreamReuse): RouteReuse[] {
  return reuse.routes.filter((r) => r.route.protocol === 'http' && !r.reuses);
}

function finding(analysis: Analysis, upstream: UpstreamBlock, r: RouteReuse, nginxVersion: NginxVersion): Finding {
  const { route } = r;
  const where = (node: ConfigNode) =>
    `${relativePath(analysis, node.file.path)}:${node.file.lines.positionAt(node.directive.start).line + 1}`;
  const at = (node: ConfigNode) => locate(analysis, node.file.path, node.directive);
  const version = describeVersion(nginxVersion);
  const { messages } = keepaliveLost;
  const name = quoteToken(upstream.name);
  const cache = upstream.keepalive!;
  const sends: string[] = [];
  const related: RelatedLocation[] = [];
  if (r.httpVersion !== '1.1') {
    sends.push(formatMessage(messages.oldHttp, { version: r.httpVersion }));
    const node = route.httpVersion.node;
    const source = node ? `proxy_http_version at ${where(node)}` : `nginx's default in ${version}`;
    related.push({
      location: at(node ?? route.node),
      message: formatMessage(messages.httpRelated, { route: route.label, version: r.httpVersion, source }),
    });
  }
  if (r.connection.toLowerCase() === 'close') {
    sends.push(messages.close);
    const { droppedBy, dropped, node } = route.connection;
    const source =
      droppedBy && dropped
        ? `the proxy_set_header Connection at ${where(dropped)} is not inherited, because this level sets its own proxy_set_header at ${where(droppedBy)}`
        : node
          ? `proxy_set_header at ${where(node)}`
          : `nginx's default in ${version}`;
    related.push({ location: at(node ?? route.node), message: formatMessage(messages.closeRelated, { route: route.label, source }) });
  }
  related.push(
    { location: at(cache.node), message: formatMessage(messages.cacheRelated, { upstream: name, count: cache.count }) },
    { location: at(route.node), message: formatMessage(messages.outcomeRelated, { upstream: name }) },
  );
  if (route.connection.droppedBy) related.push({ location: at(route.connection.droppedBy), message: messages.droppedByRelated });
  if (route.connection.dropped) related.push({ location: at(route.connection.dropped), message: messages.droppedRelated });
  if (route.connection.map && r.connection.toLowerCase() === 'close')
    related.push({ location: at(route.connection.map), message: messages.mapRelated });
  const argument = route.node.directive.args[0] ?? route.node.directive.name;
  return {
    code: keepaliveLost.id,
    severity: keepaliveLost.severity.default,
    message: formatMessage(messages.lost, { upstream: name, sends: sends.join(' and ') }),
    location: locate(analysis, route.node.file.path, argument),
    related,
    fixes: [restoreFix(analysis, r)].filter((f) => f !== undefined),
  };
}
