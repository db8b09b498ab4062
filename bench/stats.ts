// Small statistics and the met/missed wording every target line ends with.

export function median(values: readonly number[]): number {
  return percentile(values, 50);
}

/** Nearest-rank percentile; NaN for no values. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

export function nowMs(): number {
  return performance.now();
}

/** Runs `task` `runs` times (after `warmup` unmeasured runs) and returns each run's milliseconds. */
export function timeRuns(runs: number, task: () => void, warmup = 1): number[] {
  for (let i = 0; i < warmup; i++) task();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = nowMs();
    task();
    times.push(nowMs() - start);
  }
  return times;
}

export function mbPerSecond(bytes: number, ms: number): number {
  return bytes / 1e6 / (ms / 1000);
}

export interface TargetResult {
  target: string;
  met: boolean;
  measured: string;
  /** How far from the target, in words, when missed. */
  shortfall?: string;
}

/** `value` must be at most `limit` (lower is better). */
export function atMost(target: string, value: number, limit: number, unit: string): TargetResult {
  if (!Number.isFinite(value)) return { target, met: false, measured: 'not measured', shortfall: 'no figure' };
  const met = value <= limit;
  return {
    target,
    met,
    measured: `${fmt(value)} ${unit}`,
    shortfall: met ? undefined : `${fmt(value - limit)} ${unit} over${limit > 0 ? ` (${fmt(value / limit)}x the limit)` : ''}`,
  };
}

/** `value` must be at least `floor` (higher is better). */
export function atLeast(target: string, value: number, floor: number, unit: string): TargetResult {
  if (!Number.isFinite(value)) return { target, met: false, measured: 'not measured', shortfall: 'no figure' };
  const met = value >= floor;
  return {
    target,
    met,
    measured: `${fmt(value)}${unit}`,
    shortfall: met ? undefined : `${fmt(floor - value)}${unit} short (${fmt((value / floor) * 100)} % of the target)`,
  };
}

export function fmt(value: number, digits = value >= 100 ? 0 : value >= 10 ? 1 : 2): string {
  return Number.isFinite(value) ? value.toFixed(digits) : 'n/a';
}
