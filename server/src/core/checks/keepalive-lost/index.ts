import type { Analysis, NginxConfig } from '../../analysis';
import type { Finding, RelatedLocation } from '../../types';
import { quoteToken } from '../../quote';
import type { Check } from '../check';
import type { ConfigNode, UpstreamBlock } from '../../nginx/model';
import { upstreamReuse, type RouteReuse, type UpstreamReuse } from '../../nginx/reuse';
import { describeVersion } from '../../nginx/version';
import { locate, relativePath } from '../../locate';
import { unlessSame } from '../sameFindings';
import { restoreFix } from './fix';

export const keepaliveLost: Check = {
  id: 'keepalive-lost',
  description:
    'An upstream keeps a keep-alive cache, but a location proxying to it still sends HTTP/1.0 or "Connection: close", so nothing is reused.',
  docs: {
    finds:
      'A `proxy_pass` to an `upstream` that has a `keepalive` cache, in a location whose effective `proxy_http_version` is not 1.1 or whose `Connection` header is `close`: most often because the location sets a `proxy_set_header` of its own, which stops every outer `proxy_set_header` (the `Connection ""` among them) from being inherited.',
    why: 'nginx reuses an upstream connection only after an HTTP/1.1 exchange without `Connection: close`. Otherwise it closes the connection after every response: each request pays a new TCP (and TLS) handshake, the upstream sees a connection storm under load, and the `keepalive` line does nothing. Before nginx 1.29.7 both defaults are wrong for reuse (HTTP/1.0, `Connection: close`).',
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
  run: (analysis) =>
    analysis.configs.flatMap((config) => [...config.http.upstreams.values()].flatMap((upstream) => lostRoutes(analysis, config, upstream))),
};

function lostRoutes(analysis: Analysis, config: NginxConfig, upstream: UpstreamBlock): Finding[] {
  if (!upstream.keepalive || upstream.keepalive.count <= 0) return [];
  const reuse = upstreamReuse(config, upstream, analysis.nginxVersion);
  // A reuse is rebuilt whenever its upstream or routes change; the root only changes the paths shown.
  const known = lostMemo.get(reuse);
  const same = known && known.rootDir === analysis.rootDir;
  if (same && known.layoutVersion === analysis.layoutVersion) return known.findings;
  // Only proxy_pass: HTTP version and Connection header are what this check can repair. Moved
  // nodes change no verdict, but the lines and headers the messages and fixes quote may have changed.
  const lost = known?.lost ?? reuse.routes.filter((r) => r.route.protocol === 'http' && !r.reuses);
  const findings = unlessSame(
    same ? known.findings : undefined,
    lost.map((r) => finding(analysis, upstream, r)),
  );
  lostMemo.set(reuse, { lost, rootDir: analysis.rootDir, layoutVersion: analysis.layoutVersion, findings });
  return findings;
}

const lostMemo = new WeakMap<UpstreamReuse, { lost: RouteReuse[]; rootDir: string; layoutVersion: number; findings: Finding[] }>();

function finding(analysis: Analysis, upstream: UpstreamBlock, r: RouteReuse): Finding {
  const { route } = r;
  const where = (node: ConfigNode) =>
    `${relativePath(analysis, node.file.path)}:${node.file.lines.positionAt(node.directive.start).line + 1}`;
  const version = describeVersion(analysis.nginxVersion);
  const problems: string[] = [];
  if (r.httpVersion !== '1.1')
    problems.push(
      `HTTP/${r.httpVersion} (${route.httpVersion.node ? `proxy_http_version at ${where(route.httpVersion.node)}` : `nginx's default in ${version}`})`,
    );
  if (r.connection.toLowerCase() === 'close') {
    const { droppedBy, dropped } = route.connection;
    const source =
      droppedBy && dropped
        ? `the proxy_set_header Connection at ${where(dropped)} is not inherited, because this level sets its own proxy_set_header at ${where(droppedBy)}`
        : route.connection.node
          ? `proxy_set_header at ${where(route.connection.node)}`
          : `nginx's default in ${version}`;
    problems.push(`"Connection: close" (${source})`);
  }
  const related: RelatedLocation[] = [
    {
      location: locate(analysis, upstream.keepalive!.node.file.path, upstream.keepalive!.node.directive),
      message: `upstream ${quoteToken(upstream.name)} keeps ${upstream.keepalive!.count} idle connections here`,
    },
  ];
  if (route.connection.droppedBy)
    related.push({
      location: locate(analysis, route.connection.droppedBy.file.path, route.connection.droppedBy.directive),
      message: 'this proxy_set_header stops the outer ones from being inherited',
    });
  if (route.connection.dropped)
    related.push({
      location: locate(analysis, route.connection.dropped.file.path, route.connection.dropped.directive),
      message: 'not inherited by the location',
    });
  const message = `${route.label} proxies to upstream ${quoteToken(upstream.name)}, which keeps a keep-alive cache (keepalive ${upstream.keepalive!.count}), but sends ${problems.join(' and ')}: nginx closes each upstream connection after one request, so nothing is reused.`;
  const argument = route.node.directive.args[0] ?? route.node.directive.name;
  return {
    code: keepaliveLost.id,
    severity: 'warning',
    message,
    location: locate(analysis, route.node.file.path, argument),
    related,
    fixes: [restoreFix(analysis, r)].filter((f) => f !== undefined),
  };
}
