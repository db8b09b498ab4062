// What nginx does with a request that fails on a reused (cached) upstream connection, as
// ngx_http_upstream_next decides it:
// - the failure is NGX_HTTP_UPSTREAM_FT_ERROR (reset, or closed before the response header);
//   `proxy_next_upstream` must include `error` (default `error timeout`; `off` retries nothing);
// - a POST, PATCH or LOCK whose request was sent also needs `non_idempotent`;
// - a request whose body nginx streams (`proxy_request_buffering off` and the body not fully read
//   before proxying; a request without a body is fully read) cannot be replayed;
// - tries do not run out: a failure on a cached connection gives its try back (`u->peer.cached`),
//   so `proxy_next_upstream_tries 1` and a single-server upstream (tries = 0 after the failure)
//   still retry once, to the same server, on another connection;
// - `proxy_next_upstream_timeout` counts from the first try; the race fails within a round trip,
//   so only an extreme value would stop the retry, and it is not judged here.
import type { ConfigNode, ProxyRoute, Setting } from './nodes';
import { quoteToken } from '../quote';

/** Who gets 502 when a request races the upstream closing the connection, worst last. */
export type RaceOutcome = 'retried' | 'streamed-body-fails' | 'non-idempotent-fails' | 'non-idempotent-and-streamed-fail' | 'all-fail';

const outcomeRank: RaceOutcome[] = [
  'retried',
  'streamed-body-fails',
  'non-idempotent-fails',
  'non-idempotent-and-streamed-fail',
  'all-fail',
];

export interface RouteRetry {
  outcome: RaceOutcome;
  /** The settings that decided the outcome (node undefined: nginx's default). */
  because: { directive: string; setting: Setting; says: string }[];
}

export const defaultNextUpstream = 'error timeout';

export function routeRetry(route: ProxyRoute): RouteRetry {
  const { nextUpstream, requestBuffering } = route.retry;
  const prefix = route.protocol === 'http' ? 'proxy' : route.protocol;
  const flags = (nextUpstream.value ?? defaultNextUpstream).toLowerCase().split(/\s+/);
  const next = { directive: `${prefix}_next_upstream`, setting: nextUpstream };
  if (flags.includes('off')) return { outcome: 'all-fail', because: [{ ...next, says: 'is off' }] };
  if (!flags.includes('error')) return { outcome: 'all-fail', because: [{ ...next, says: 'lacks error' }] };
  const streamed = requestBuffering.value?.toLowerCase() === 'off';
  const idempotentOnly = !flags.includes('non_idempotent');
  const because: RouteRetry['because'] = [];
  if (idempotentOnly) because.push({ ...next, says: 'lacks non_idempotent' });
  if (streamed) because.push({ directive: `${prefix}_request_buffering`, setting: requestBuffering, says: 'is off' });
  if (!idempotentOnly && !streamed) because.push({ ...next, says: 'has error and non_idempotent' });
  const outcome: RaceOutcome = idempotentOnly
    ? streamed
      ? 'non-idempotent-and-streamed-fail'
      : 'non-idempotent-fails'
    : streamed
      ? 'streamed-body-fails'
      : 'retried';
  return { outcome, because };
}

export function worseOutcome(a: RaceOutcome, b: RaceOutcome): boolean {
  return outcomeRank.indexOf(a) > outcomeRank.indexOf(b);
}

/**
 * Who gets 502: `brief` ends a message's first sentence ("POSTs may get 502"), `who` and `spared`
 * say it in full, `short` is the hover's.
 */
export function describeOutcome(outcome: RaceOutcome): { brief: string; who: string; spared: string; short: string } {
  switch (outcome) {
    case 'retried':
      return {
        brief: 'nginx retries racing requests',
        who: 'every request racing the close is retried on another connection: the race costs a retry, not a 502',
        spared: '',
        short: 'every request is retried',
      };
    case 'streamed-body-fails':
      return {
        brief: 'streamed uploads may get 502',
        who: 'requests whose body nginx streams get 502 Bad Gateway when they race the close',
        spared: 'requests without a body, or whose body was read in full, are retried',
        short: 'a request whose body nginx streams gets 502, others are retried',
      };
    case 'non-idempotent-fails':
      return {
        brief: 'POSTs may get 502',
        who: 'POSTs racing the close get 502 Bad Gateway',
        spared: 'so do PATCH and LOCK; GET, HEAD, PUT and DELETE are retried',
        short: 'POST, PATCH and LOCK get 502, GET, HEAD, PUT and DELETE are retried',
      };
    case 'non-idempotent-and-streamed-fail':
      return {
        brief: 'POSTs may get 502',
        who: 'POSTs racing the close get 502 Bad Gateway',
        spared: 'so do PATCH, LOCK and any request whose body nginx streams; GET and HEAD are retried',
        short: 'POST, PATCH, LOCK and streamed bodies get 502, GET and HEAD are retried',
      };
    case 'all-fail':
      return {
        brief: 'requests may get 502',
        who: 'every request racing the close gets 502 Bad Gateway',
        spared: 'nothing is retried',
        short: 'every request gets 502, nothing is retried',
      };
  }
}

/** `proxy_next_upstream lacks non_idempotent (unset, nginx default "error timeout")`, saying where each setting is. */
export function describeBecause(retry: RouteRetry, where: (node: ConfigNode) => string): string {
  return retry.because
    .map(
      (b) =>
        `${b.directive} ${b.says} (${b.setting.node ? `"${quoteToken(b.setting.value ?? '')}" at ${where(b.setting.node)}` : `unset, nginx default "${defaultNextUpstream}"`})`,
    )
    .join(' and ');
}
