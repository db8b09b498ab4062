// An upstream server nginx reuses connections to, which no link reaches: its backend's idle timeout
// is unknown, so a race there cannot be judged. Said as information, on the `server` line, with
// fixes that link it to the backend endpoints read here that nothing reaches yet.
import { nginxVersionOf, type Analysis, type BackendEndpoint } from '../../analysis';
import type { Finding, Location, RelatedLocation } from '../../types';
import type { UpstreamBlock, UpstreamServer } from '../../nginx/model';
import { upstreamIdleMs, type UpstreamReuse } from '../../nginx/reuse';
import { reusedUnlinkedServers, type UnlinkedServer } from '../../link';
import { describeVersion, hasUpstreamIdleTimer } from '../../nginx/version';
import { formatDuration } from '../../duration';
import { locate } from '../../locate';
import { quoteToken } from '../../quote';
import { formatMessage, type Check, type CheckContext } from '../check';
import { linkCandidates, linkFix, nearestFirst } from './candidates';
import { httpKinds } from '../../backends/kind';

export const unlinkedUpstream: Check = {
  id: 'unlinked-upstream',
  description:
    'nginx reuses connections to an upstream server whose backend configuration was not found, so its idle timeout cannot be checked.',
  severity: { default: 'info' },
  messages: {
    unlinked: 'nginx reuses connections to {{server}} for {{nginxTimeout}}; no backend configuration found for it.{{advice}}',
    noIdleTimer: 'nginx reuses connections to {{server}} until they close; no backend configuration found for it.{{advice}}',
    linkAdvice: ' If it is a backend read here, a quick fix links it in {{settingsFile}}.',
    linkByHandAdvice: ' Link it with a "links" entry in {{settingsFile}} to check its idle timeout.',
    addAdvice: ' Add its {{backendFiles}} to this folder to check its idle timeout.',
    timeoutRelated: 'idle connections to upstream {{upstream}} are kept {{nginxTimeout}} ({{nginxSource}})',
    noIdleTimerRelated: '{{version}} has no upstream keepalive_timeout: idle connections stay until the server closes them',
    routeRelated: '{{route}} reuses them (HTTP/{{httpVersion}}, {{connection}}){{defaultsNote}}',
    candidateRelated: '{{endpoint}}: read here, reached by no upstream',
  },
  // What upstreamReuse reads beyond the model's own.
  nginxDirectives: ['upstream', 'server', 'keepalive', 'keepalive_timeout', 'proxy_pass', 'proxy_http_version', 'proxy_set_header'],
  docs: {
    finds:
      "A `server` of an nginx `upstream` that nginx reuses idle connections to (a `keepalive` cache, HTTP/1.1, no `Connection: close`, for a `proxy_pass`; the default since nginx 1.29.7) and that no link reaches: no backend endpoint read in the folder listens on its port, the deployment files do not lead to one, and no `links` entry in the settings names it. Information, never a failure: the backend may simply live in another repository. Upstreams nginx does not reuse connections to are left alone (nothing can race there), and so are those reached only through `grpc_pass` or `fastcgi_pass`, whose servers this tool does not read, and servers marked `down` (never connected to). The message gives how long nginx keeps idle connections: the upstream's `keepalive_timeout`, 60 s by default (the directive exists since nginx 1.15.3; before it the keepalive module set no idle timer, so cached connections stay until the server closes them: the 1.14 `ngx_http_upstream_keepalive_module.c` calls no `ngx_add_timer`). Reuse without any keepalive lines is nginx's default since 1.29.7 (nginx changes.xml, 2026-03-24: `keepalive 32`, HTTP/1.1, no Connection header).",
    why: 'Without the backend\'s configuration nobody can say whether it closes idle connections before nginx does, which is what makes nginx answer 502 (see `keepalive-race`). Saying nothing would read as "No problems found". The commonest cause is a remapped port: nginx reaches a container\'s published port 8081 while its Tomcat connector listens on 8080.',
    example: [
      '```nginx',
      'upstream api {',
      '    server api:8081;         # Tomcat listens on 8080 behind a published 8081',
      '    keepalive 32;',
      '}',
      '```',
    ].join('\n'),
    fix: 'Link the server to its backend in `timeout-chain.json` at the folder\'s root: `{ "links": [{ "upstream": "api", "server": "api:8081", "backend": "tomcat/conf/server.xml", "port": 8080 }] }`. The quick fixes add that entry (creating the file when there is none), one per HTTP endpoint read in the folder that no upstream reaches yet (at most four), nearest folder first; each is a guess among them, so none is preferred. An existing file keeps its layout, the entry going into its `links` list; a file that is not valid JSON (comments included: the file is read as strict JSON) takes no entry, and the message says to add it by hand. When the folder holds no such endpoint there is nothing to link to: add the backend\'s configuration (a Tomcat `server.xml`) to the folder, or turn reuse off if nginx should not keep those connections.',
  },
  run: findUnlinked,
};

function findUnlinked(context: CheckContext): void {
  const { analysis } = context;
  const candidates = linkCandidates(analysis);
  // With no HTTP endpoint read at all, a link would have no target (and be a settings error).
  const anyTarget = analysis.endpoints.some((e) => e.protocol === 'http');
  const byReuse = new Map<UpstreamReuse, UnlinkedServer[]>();
  for (const unlinked of reusedUnlinkedServers(analysis)) byReuse.set(unlinked.reuse, [...(byReuse.get(unlinked.reuse) ?? []), unlinked]);
  for (const [reuse, unlinked] of byReuse) {
    // The reuse is rebuilt when its upstream's text, its routes or the version change; which servers
    // are unlinked, the candidates and the settings file come from elsewhere, so they are inputs.
    const inputs = [...unlinked.map((u) => u.server), analysis.settingsFile, anyTarget, ...candidates];
    context.reportAll(context.findings([reuse], inputs, () => unlinked.map((u) => finding(analysis, u, candidates, anyTarget))));
  }
}

function finding(
  analysis: Analysis,
  { config, upstream, server, reuse }: UnlinkedServer,
  candidates: readonly BackendEndpoint[],
  anyTarget: boolean,
): Finding {
  const { messages } = unlinkedUpstream;
  const nearest = nearestFirst(candidates, upstream.node.file.path);
  const fixes = nearest.map((endpoint) => linkFix(analysis, upstream, server, endpoint)).filter((fix) => fix !== undefined);
  const version = nginxVersionOf(analysis, config);
  const hasIdleTimer = hasUpstreamIdleTimer(version);
  const nginxMs = upstreamIdleMs(upstream, version);
  const values = {
    server: quoteToken(server.address.value, 24), // the first sentence stays within about 100 characters
    upstream: quoteToken(upstream.name),
    nginxTimeout: Number.isFinite(nginxMs) ? formatDuration(nginxMs) : 'ever',
    nginxSource: upstream.keepaliveTimeout ? 'keepalive_timeout' : 'keepalive_timeout unset, nginx default',
    version: describeVersion(version),
    settingsFile: 'timeout-chain.json',
    backendFiles:
      httpKinds(analysis.backends)
        .map((b) => b.fileName)
        .join(' or ') || 'server configuration',
  };
  // Fixes need candidates and a settings file that takes an entry; with no endpoint at all, the backend's files are what is missing.
  const advice = formatMessage(fixes.length > 0 ? messages.linkAdvice : anyTarget ? messages.linkByHandAdvice : messages.addAdvice, values);
  const timeout = upstream.keepaliveTimeout;
  const timeoutLocation = timeout
    ? locate(analysis, timeout.node.file.path, timeout.token)
    : locate(analysis, upstream.node.file.path, upstreamHeader(upstream));
  const related: RelatedLocation[] = [
    {
      location: timeoutLocation,
      message: formatMessage(hasIdleTimer ? messages.timeoutRelated : messages.noIdleTimerRelated, values),
    },
    ...reuse.httpRoutes.map((route) => ({
      location: locate(analysis, route.route.node.file.path, route.route.node.directive),
      message: formatMessage(messages.routeRelated, {
        route: route.route.label,
        httpVersion: route.httpVersion,
        connection: route.connection === '' ? 'no Connection header' : `Connection: ${quoteToken(route.connection)}`,
        defaultsNote: reuse.decidedByDefaults ? `; by default in ${describeVersion(version)}` : '',
      }),
    })),
    ...nearest.map((endpoint) => ({
      location: locate(analysis, endpoint.file.path, endpoint.nameSpan),
      message: formatMessage(messages.candidateRelated, { endpoint: endpoint.label }),
    })),
  ];
  return {
    code: unlinkedUpstream.id,
    severity: 'info',
    message: formatMessage(hasIdleTimer ? messages.unlinked : messages.noIdleTimer, { ...values, advice }),
    location: serverLocation(analysis, server),
    related,
    fixes,
  };
}

/** The `server` directive's address, where the finding sits: read from the directive, as the node may have moved. */
function serverLocation(analysis: Analysis, server: UpstreamServer): Location {
  const directive = server.node.directive;
  return locate(analysis, server.node.file.path, directive.args[0] ?? directive.name);
}

/** `upstream NAME`: the words to underline when keepalive_timeout is not written. */
function upstreamHeader(upstream: UpstreamBlock) {
  const directive = upstream.node.directive;
  return { start: directive.name.start, end: directive.args[0]?.end ?? directive.name.end };
}
