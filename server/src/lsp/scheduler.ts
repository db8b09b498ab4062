/**
 * Runs a task soon after it is requested, coalescing bursts: the first request after a quiet
 * period runs on the next tick; requests arriving while one is pending join it; after a run,
 * the next one waits until `burstMs` have passed, so a fast typist costs one run per burst.
 */
export class Scheduler {
  private timer: NodeJS.Timeout | undefined;
  private lastRun = 0;

  constructor(
    private readonly task: () => void,
    private readonly burstMs = 25,
  ) {}

  request(): void {
    if (this.timer) return;
    const wait = Math.max(0, this.lastRun + this.burstMs - Date.now());
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.lastRun = Date.now();
      this.task();
    }, wait);
  }
}
