// nginx has no AJP client: an HTTP proxy_pass to a port where only a Tomcat AJP connector listens
// sends an HTTP request that the connector cannot read. Found on both sides, each pointing at the
// other: the upstream `server` (or the proxy_pass address) and the connector.
import type { Analysis, BackendEndpoint, NginxConfig } from '../../analysis';
import type { Finding, Location } from '../../types';
import type { NginxDirective, NginxFile } from '../../nginx/ast';
import type { UpstreamBlock } from '../../nginx/model';
import { quoteToken } from '../../quote';
import { locate } from '../../locate';
import { formatMessage, type Check, type CheckContext } from '../check';

export const ajpPort: Check = {
  id: 'ajp-port',
  description: 'nginx proxies HTTP to a port where only an AJP connector listens, so every request fails.',
  severity: { default: 'warning' },
  messages: {
    nginxSide: 'nginx speaks HTTP to port {{port}}, where {{server}} listens for AJP only: every request gets 502',
    backendSide: 'nginx proxies HTTP to this AJP connector (port {{port}}): every request gets 502',
    nginxRelated: '{{endpoint}} speaks AJP/1.3 here, a binary protocol nginx has no client for',
    routeRelated: '{{route}} sends HTTP requests to upstream {{upstream}} here',
    backendRelated: 'nginx sends HTTP to port {{port}} here ({{what}})',
  },
  nginxDirectives: ['upstream', 'server', 'proxy_pass'],
  docs: {
    finds:
      'An upstream `server` that a `proxy_pass` uses, or a `proxy_pass http://host:port` address, whose port only a Tomcat AJP connector (`protocol="AJP/1.3"`) listens on, with no HTTP connector on that port (matched by port, as links are; an upstream the `links` setting or the deployment files link elsewhere is left alone). The finding is on the nginx side and on the connector, each pointing at the other.',
    why: 'nginx\'s proxy module speaks HTTP (and its grpc, fastcgi, uwsgi and scgi modules their own protocols); there is no AJP client in nginx. Tomcat\'s AJP connector expects binary AJP packets starting with the magic bytes 0x1234: an HTTP request line fails that check (Tomcat logs "Invalid message received with signature") and the connection is closed without a response, so nginx logs "upstream prematurely closed connection while reading response header" and answers 502 Bad Gateway, to every request.',
    example: [
      '```nginx',
      'upstream app {',
      '    server 10.0.0.21:8009;   # the AJP port',
      '}',
      'server { location / { proxy_pass http://app; } }',
      '```',
      '```xml',
      '<Connector port="8009" protocol="AJP/1.3" redirectPort="8443" />',
      '```',
    ].join('\n'),
    fix: 'Point nginx at Tomcat\'s HTTP connector (`<Connector port="8080" protocol="HTTP/1.1">`, adding one when server.xml has none), or, when AJP is wanted, put a proxy that speaks it in front (Apache httpd\'s mod_proxy_ajp). No quick fix is offered: which HTTP port to use, or whether to add a connector, is a deployment choice.',
  },
  run: findAjpTargets,
};

function findAjpTargets(context: CheckContext): void {
  const { analysis } = context;
  const ajpOnly = ajpOnlyPorts(analysis.endpoints);
  if (ajpOnly.size === 0) return;
  const linked = new Set(analysis.links.map((l) => l.server));
  for (const config of analysis.configs)
    for (const upstream of config.http.upstreams.values())
      for (const server of upstream.servers) {
        // Ports first: the routes (hundreds per upstream in a large configuration) only for an AJP port.
        const endpoints = server.port === undefined || linked.has(server) ? undefined : ajpOnly.get(server.port);
        if (!endpoints) continue;
        const routes = config.http.routesByUpstream.get(upstream.name);
        if (!routes?.some((r) => r.protocol === 'http')) continue;
        for (const endpoint of endpoints)
          context.reportAll(
            context.findings([upstream, server, endpoint], [routes], () => upstreamFindings(analysis, config, upstream, server, endpoint)),
          );
      }
  // The same list while no nginx file changed (an edit to server.xml): the files are not walked again.
  const passes = context.derived(analysis.nginxFiles, (files) => {
    const found: { file: NginxFile; pass: DirectPass }[] = [];
    for (const file of files) for (const pass of context.derived(file, directPasses)) found.push({ file, pass });
    return found;
  });
  for (const { file, pass } of passes)
    for (const endpoint of ajpOnly.get(pass.port) ?? [])
      context.reportAll(context.findings([pass.directive, endpoint], [file], () => directFindings(analysis, file, pass, endpoint)));
}

/** Ports on which an AJP endpoint listens and nothing else: there nginx can only meet AJP. */
function ajpOnlyPorts(endpoints: readonly BackendEndpoint[]): Map<number, BackendEndpoint[]> {
  const byPort = new Map<number, BackendEndpoint[]>();
  const other = new Set<number>();
  for (const endpoint of endpoints) {
    if (endpoint.port === undefined) continue;
    if (endpoint.protocol !== 'ajp') other.add(endpoint.port);
    else byPort.set(endpoint.port, [...(byPort.get(endpoint.port) ?? []), endpoint]);
  }
  for (const port of other) byPort.delete(port);
  return byPort;
}

function upstreamFindings(
  analysis: Analysis,
  config: NginxConfig,
  upstream: UpstreamBlock,
  server: UpstreamBlock['servers'][number],
  endpoint: BackendEndpoint,
): Finding[] {
  const route = config.http.routesByUpstream.get(upstream.name)!.find((r) => r.protocol === 'http')!;
  const at = locate(analysis, server.node.file.path, server.node.directive.args[0] ?? server.node.directive.name);
  const routeAt = locate(analysis, route.node.file.path, route.node.directive.args[0] ?? route.node.directive.name);
  const { messages } = ajpPort;
  const name = quoteToken(upstream.name);
  const routeRelated = { location: routeAt, message: formatMessage(messages.routeRelated, { route: route.label, upstream: name }) };
  return pair(analysis, endpoint, at, `upstream ${name}, server ${quoteToken(server.address.value)}`, [routeRelated]);
}

interface DirectPass {
  directive: NginxDirective;
  port: number;
}

/** `proxy_pass http://host:port/...` written with a literal port: nginx connects there, no upstream block involved. */
function directPasses(file: NginxFile): DirectPass[] {
  const found: DirectPass[] = [];
  const visit = (directives: readonly NginxDirective[]) => {
    for (const directive of directives) {
      if (directive.name.value === 'proxy_pass') {
        const match = /^https?:\/\/[^/:$]+:(\d{1,5})(?:\/.*)?$/.exec(directive.args[0]?.value ?? '');
        if (match) found.push({ directive, port: Number(match[1]) });
      }
      if (directive.block?.kind === 'directives') visit(directive.block.children);
    }
  };
  visit(file.directives);
  return found;
}

function directFindings(analysis: Analysis, file: NginxFile, pass: DirectPass, endpoint: BackendEndpoint): Finding[] {
  const at = locate(analysis, file.path, pass.directive.args[0]);
  return pair(analysis, endpoint, at, `proxy_pass ${quoteToken(pass.directive.args[0].value)}`, []);
}

/** The finding on nginx's side and the one on the connector, each pointing at the other. */
function pair(analysis: Analysis, endpoint: BackendEndpoint, nginxAt: Location, what: string, more: Finding['related']): Finding[] {
  const { messages } = ajpPort;
  const backendAt = locate(analysis, endpoint.file.path, endpoint.nameSpan);
  const values = { port: endpoint.port!, server: endpoint.serverName, endpoint: endpoint.label, what };
  const finding = (location: Location, message: string, related: Finding['related']): Finding => ({
    code: ajpPort.id,
    severity: ajpPort.severity.default,
    message: formatMessage(message, values),
    location,
    related,
    fixes: [],
  });
  return [
    finding(nginxAt, messages.nginxSide, [{ location: backendAt, message: formatMessage(messages.nginxRelated, values) }, ...more]),
    finding(backendAt, messages.backendSide, [{ location: nginxAt, message: formatMessage(messages.backendRelated, values) }]),
  ];
}
