// Conditions a test client waits for, checked again after every message the server sends.
export class Waiters {
  private pending: (() => void)[] = [];

  constructor(private readonly stderr: () => string) {}

  /** Checks every waiting condition once more (after a message arrived). */
  wake(): void {
    const waiting = this.pending;
    this.pending = [];
    for (const check of waiting) check();
  }

  /** Resolves when `condition` holds, checked after every message; rejects after `ms`. */
  waitFor<T>(description: string, condition: () => T | undefined | false, ms = 10_000): Promise<T> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${description}; stderr: ${this.stderr()}`)), ms);
      const check = () => {
        const value = condition();
        if (value) {
          clearTimeout(timer);
          resolve(value);
        } else this.pending.push(check);
      };
      check();
    });
  }
}
