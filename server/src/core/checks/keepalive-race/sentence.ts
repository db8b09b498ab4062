// The first sentence of a keep-alive race finding: the outcome and both timeouts, in about 100
// characters, for one finding or several merged at one place (every upstream, ranges of values).
import { formatMessage } from '../check';
import { formatDuration } from '../../duration';
import { quoteToken } from '../../quote';
import { describeOutcome, worseOutcome, type RaceOutcome } from '../../nginx/retry';

/** What a finding's first sentence says, kept so that findings at one place merge into one sentence. */
export interface RaceFacts {
  side: 'nginx' | 'backend';
  upstream: string;
  server: string;
  backendMs: number;
  /** Infinity: nginx before 1.15.3, which sets no idle timer. */
  nginxMs: number;
  version: string;
  outcome: RaceOutcome;
}

/**
 * The first sentence of one finding, or of several at one place: both values (ranges when they
 * differ), every upstream, and the worst outcome. Undefined when nothing is known of them.
 */
export function raceSentence(all: RaceFacts[], messages: Record<string, string>): string | undefined {
  if (all.length === 0) return undefined;
  let outcome = all[0].outcome;
  for (const facts of all) if (worseOutcome(facts.outcome, outcome)) outcome = facts.outcome;
  const forever = all.some((f) => !Number.isFinite(f.nginxMs));
  const names = [...new Set(all.map((f) => quoteToken(f.upstream)))];
  const values = {
    server: [...new Set(all.map((f) => f.server))].join(' and '),
    backendTimeout: durations(all.map((f) => f.backendMs)),
    nginxTimeout: durations(all.map((f) => f.nginxMs)),
    version: all[0].version,
    upstreams: `${names.length > 1 ? 'upstreams' : 'upstream'} ${listed(names)} ${names.length > 1 ? 'keep' : 'keeps'}`,
    outcome: describeOutcome(outcome).brief,
  };
  if (all[0].side === 'backend') return formatMessage(forever ? messages.backendSideForever : messages.backendSide, values);
  const nginxKeeps = formatMessage(forever ? messages.nginxKeepsForever : messages.nginxKeeps, values);
  return formatMessage(messages.nginxSide, { ...values, nginxKeeps });
}

/** `7s`, or `5s to 7s` when findings merged at one place differ. */
function durations(values: number[]): string {
  // A loop, not Math.min(...values): thousands of upstreams may merge at one connector.
  let low = Infinity;
  let high = -Infinity;
  for (const value of values)
    if (Number.isFinite(value)) {
      low = Math.min(low, value);
      high = Math.max(high, value);
    }
  if (low === Infinity) return 'ever';
  return low === high ? formatDuration(low) : `${formatDuration(low)} to ${formatDuration(high)}`;
}

/** `a`, `a and b`, `a, b and c`, `a, b and 3 more`: a first sentence stays short whatever merged into it. */
function listed(names: string[]): string {
  if (names.length === 1) return names[0];
  if (names.length <= 3) return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
  return `${names.slice(0, 2).join(', ')} and ${names.length - 2} more`;
}
