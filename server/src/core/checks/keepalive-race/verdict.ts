// Whether a link races, and what a racing request costs: decided here once, for the check's
// findings and for the hover (navigation.ts), so the two never disagree.
import type { BackendEndpoint } from '../../analysis';
import type { Severity } from '../../types';
import type { ProxyRoute } from '../../nginx/model';
import type { UpstreamReuse } from '../../nginx/reuse';
import { routeRetry, worseOutcome, type RouteRetry } from '../../nginx/retry';

/** no-race: nothing to judge; safe: nginx gives up first; retried: every racing request is retried; fails: some get 502. */
export type RaceVerdict = 'no-race' | 'safe' | 'retried' | 'fails';

/** Only an HTTP endpoint that keeps connections alive can close one under nginx. */
export function mayRace(endpoint: BackendEndpoint): boolean {
  return endpoint.protocol === 'http' && endpoint.keepsAlive;
}

/** Whether nginx keeps idle connections (`nginxMs`) at least as long as the endpoint does, over routes that reuse them. */
export function races(endpoint: BackendEndpoint, reuse: UpstreamReuse, nginxMs: number): boolean {
  // gRPC and FastCGI backends are not read: only proxy_pass routes are judged.
  return mayRace(endpoint) && endpoint.idle.ms !== undefined && reuse.httpRoutes.length > 0 && nginxMs >= endpoint.idle.ms;
}

export interface WorstRoute {
  route: ProxyRoute;
  retry: RouteRetry;
}

/** The reusing proxy_pass route whose requests fare worst when they race the close (httpRoutes must not be empty). */
export function worstRoute(reuse: UpstreamReuse): WorstRoute {
  let worst: WorstRoute | undefined;
  for (const { route } of reuse.httpRoutes) {
    const retry = routeRetry(route);
    if (!worst || worseOutcome(retry.outcome, worst.retry.outcome)) worst = { route, retry };
  }
  return worst!;
}

/** A race is a warning when some requests get 502, information when nginx retries every one. */
export function raceSeverity(worst: WorstRoute): Severity {
  return worst.retry.outcome === 'retried' ? 'info' : 'warning';
}

export function raceVerdict(endpoint: BackendEndpoint, reuse: UpstreamReuse, nginxMs: number, worst = worstRoute): RaceVerdict {
  if (!mayRace(endpoint) || endpoint.idle.ms === undefined || reuse.httpRoutes.length === 0) return 'no-race';
  if (!races(endpoint, reuse, nginxMs)) return 'safe';
  return raceSeverity(worst(reuse)) === 'info' ? 'retried' : 'fails';
}
