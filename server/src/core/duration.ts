// Durations as people read them in messages and fix titles: 7s, 90s, 500ms, 1.5s.

export function formatDuration(ms: number): string {
  if (ms % 1000 === 0) return `${ms / 1000}s`;
  if (ms < 1000) return `${ms}ms`;
  return `${Number((ms / 1000).toFixed(3))}s`;
}

/** Rounds up to whole seconds, in ms. */
export function ceilToSecond(ms: number): number {
  return Math.ceil(ms / 1000) * 1000;
}
