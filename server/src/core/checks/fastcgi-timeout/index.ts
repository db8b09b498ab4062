// A FastCGI server that kills a slow request before nginx stops waiting for it: php-fpm's
// request_terminate_timeout shorter than (or as long as) nginx's fastcgi_read_timeout. nginx then
// reads a closed connection and answers 502 where a 504 was meant (reproduced: 1 s against
// nginx's 60 s gave 502 after 1 s; the other way round gave 504).
import type { Analysis, FastcgiLink } from '../../analysis';
import type { Finding, Fix, RelatedLocation } from '../../types';
import type { RequestLimit } from '../../backends/endpoint';
import { formatMessage, type Check, type CheckContext } from '../check';
import { formatDuration } from '../../duration';
import { formatNginxTime } from '../../nginx/values';
import { locate, relativePath } from '../../locate';
import { fastcgiLinkHow, fastcgiReadMs } from '../../linkFastcgi';
import { insertInBlock, replaceToken } from '../nginxEdits';
import { loweredProxyMs, raisedUpstreamMs } from '../keepalive-race/fixes';

export const fastcgiTimeout: Check = {
  id: 'fastcgi-timeout',
  description:
    "php-fpm kills a slow request (request_terminate_timeout) before nginx's fastcgi_read_timeout runs out, so nginx answers 502 instead of 504.",
  severity: { default: 'warning' },
  messages: {
    nginxSide: '{{server}} kills requests after {{limit}}, nginx waits {{nginxTimeout}}: slow requests get 502, not 504',
    backendSide: 'nginx waits {{nginxTimeout}} for it, {{server}} kills requests after {{limit}}: slow requests get 502, not 504',
    backendRelated: '{{server}} kills a request after {{limit}} here: {{limitSource}} ({{endpoint}}){{actually}}',
    nginxRelated: 'nginx waits {{nginxTimeout}} for the FastCGI response here: {{nginxSource}} ({{route}}, {{how}})',
  },
  nginxDirectives: ['fastcgi_pass', 'fastcgi_read_timeout', 'upstream', 'server'],
  docs: {
    finds:
      "A `fastcgi_pass` (to an address, a unix socket, or an upstream whose servers are) linked to a php-fpm pool whose `request_terminate_timeout` is not longer than nginx's `fastcgi_read_timeout` for that location (default 60s, inherited from server and http like the other fastcgi_ settings). php-fpm's default, 0, sets no limit, and so does the official `php:*-fpm` image: nothing is reported then.",
    why: "When a request runs longer than `request_terminate_timeout`, php-fpm's master kills the worker (SIGTERM, \"execution timed out ... terminating\"); nginx reads a closed FastCGI connection (`upstream prematurely closed FastCGI stdout`) and answers 502 Bad Gateway. Were nginx to give up first, it would answer 504 Gateway Timeout, which says what happened and which monitoring tells apart from a crashed backend. php-fpm checks running requests on a heartbeat of a third of its shortest timeout and kills once the request's age reaches the limit, so a 30s limit kills between 30s and 40s; a tie therefore races, and is reported too. `fastcgi_read_timeout` counts between two reads of the response, while php-fpm's limit counts the whole request: a script that sends output as it goes never meets nginx's timeout but still meets php-fpm's. PHP's `max_execution_time` (php.ini, or `php_admin_value[max_execution_time]` in the pool) is noted where the pool sets it: on Linux it counts the script's own CPU time only (sleep, I/O and database waits do not count; https://www.php.net/set-time-limit), and PHP answers the request itself when it runs out, so it does not replace either limit.",
    example: [
      '```nginx',
      'location ~ \\.php$ {',
      '    fastcgi_pass php:9000;     # fastcgi_read_timeout defaults to 60s',
      '    include fastcgi_params;',
      '}',
      '```',
      '```ini',
      '; php-fpm.d/www.conf',
      '[www]',
      'listen = 9000',
      'request_terminate_timeout = 30s',
      '```',
    ].join('\n'),
    fix: "Raise `request_terminate_timeout` above nginx's `fastcgi_read_timeout` with a margin (90s against 60s), where it is written; removing it instead would leave stuck workers running for ever and fill the pool, so it is not offered. Or lower `fastcgi_read_timeout` in the location below php-fpm's limit (27s against 30s), so nginx gives up first and answers 504. Raising php-fpm's is preferred.",
  },
  run: findKills,
};

function findKills(context: CheckContext): void {
  const { analysis } = context;
  const seen = new Set<string>();
  for (const link of analysis.fastcgiLinks ?? []) {
    const limit = link.endpoint.requestLimit;
    if (!limit || limit.ms === undefined) continue;
    const nginxMs = fastcgiReadMs(link.route);
    if (limit.ms > nginxMs) continue;
    const key = `${link.route.node.file.path}:${link.route.node.directive.start}|${link.endpoint.key}`;
    if (seen.has(key)) continue;
    seen.add(key);
    context.reportAll(
      context.findings([link.route, link.endpoint], [nginxMs], () => killFindings(analysis, link, limit, limit.ms!, nginxMs)),
    );
  }
}

function killFindings(analysis: Analysis, link: FastcgiLink, limit: RequestLimit, limitMs: number, nginxMs: number): Finding[] {
  const { endpoint, route } = link;
  const timeout = route.readTimeout.node;
  const nginxPlace = timeout
    ? locate(analysis, timeout.file.path, timeout.directive.args[0])
    : locate(analysis, route.node.file.path, route.node.directive.args[0]);
  const backendPlace = locate(analysis, limit.path, limit.span);
  const { messages } = fastcgiTimeout;
  const values = {
    server: endpoint.serverName,
    limit: formatDuration(limitMs),
    nginxTimeout: formatDuration(nginxMs),
    route: route.label,
    limitSource: limit.description,
    endpoint: endpoint.label,
    actually: limit.actually ? `; ${limit.actually}` : '',
    nginxSource: timeout
      ? `fastcgi_read_timeout in ${relativePath(analysis, timeout.file.path)}`
      : 'fastcgi_read_timeout unset, nginx default',
    how: `fastcgi_pass ${link.address} ${fastcgiLinkHow(link)}`,
  };
  const backendRelated: RelatedLocation = { location: backendPlace, message: formatMessage(messages.backendRelated, values) };
  const nginxRelated: RelatedLocation = { location: nginxPlace, message: formatMessage(messages.nginxRelated, values) };
  const notes = limit.notes.map((note) => ({ location: locate(analysis, note.path, note.span), message: note.message }));
  const fixes = [raiseLimitFix(analysis, limit, nginxMs), lowerReadTimeoutFix(analysis, link, limitMs)].filter((f) => f !== undefined);
  const finding = (location: RelatedLocation['location'], message: string, related: RelatedLocation[]): Finding => ({
    code: fastcgiTimeout.id,
    severity: 'warning',
    message,
    location,
    related: [...related, ...notes],
    fixes,
  });
  return [
    finding(nginxPlace, formatMessage(messages.nginxSide, values), [backendRelated, nginxRelated]),
    finding(backendPlace, formatMessage(messages.backendSide, values), [nginxRelated, backendRelated]),
  ];
}

/** The preferred fix: the limit above nginx's wait, by the margins the keep-alive fixes use (60s -> 90s). */
function raiseLimitFix(analysis: Analysis, limit: RequestLimit, nginxMs: number): Fix | undefined {
  if (!limit.raise) return undefined;
  const value = raisedUpstreamMs(nginxMs, analysis.settings.fix);
  const edits = limit.raise.edits(value, (file, span) => (analysis.lines(file) ? locate(analysis, file, span) : undefined));
  if (!edits) return undefined;
  return {
    title: `Set ${limit.raise.setting} to ${limit.raise.display(value)} (longer than nginx's ${formatDuration(nginxMs)})`,
    isPreferred: true,
    edits,
  };
}

/** nginx gives up first: fastcgi_read_timeout changed where it is set, else added after the fastcgi_pass. */
function lowerReadTimeoutFix(analysis: Analysis, link: FastcgiLink, limitMs: number): Fix | undefined {
  const value = loweredProxyMs(limitMs, analysis.settings.fix);
  if (!(value > 0 && value < limitMs)) return undefined;
  const text = formatNginxTime(value);
  const { route } = link;
  const timeout = route.readTimeout.node;
  const block = route.scopes[route.scopes.length - 1];
  if (!timeout && !block?.directive.block) return undefined;
  const anchor = block && route.node.file === block.file ? route.node.directive : undefined;
  const edit = timeout
    ? replaceToken(analysis, timeout.file, timeout.directive.args[0], text)
    : insertInBlock(analysis, block.file, block.directive, [`fastcgi_read_timeout ${text};`], anchor);
  return {
    title: `Lower nginx fastcgi_read_timeout to ${text} (shorter than ${link.endpoint.serverName}'s ${formatDuration(limitMs)})`,
    isPreferred: false,
    edits: [edit],
  };
}
