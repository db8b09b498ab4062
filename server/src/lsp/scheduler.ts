/**
 * Runs a task soon after it is requested, coalescing bursts: the first request after a quiet
 * period runs on the next tick; requests arriving while one is pending join it; after a run,
 * the next one waits until `burstMs` have passed, so a fast typist costs one run per burst.
 */
export class Scheduler {
  private pending = false;
  private lastRun = 0;

  constructor(
    private readonly task: () => void,
    private readonly burstMs = 25,
  ) {}

  request(): void {
    if (this.pending) return;
    this.pending = true;
    const run = () => {
      this.pending = false;
      this.lastRun = Date.now();
      this.task();
    };
    const wait = this.lastRun + this.burstMs - Date.now();
    // setImmediate: after the messages already read, without setTimeout's 1 ms floor.
    if (wait <= 0) setImmediate(run);
    else setTimeout(run, wait);
  }
}
