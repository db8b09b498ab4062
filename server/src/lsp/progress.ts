import type { Connection, WorkDoneProgressServerReporter } from 'vscode-languageserver/node';

/**
 * Work-done progress that appears only when the work lasts more than a moment, so that opening
 * a small workspace does not flash a progress bar.
 */
export class DelayedProgress {
  private reporter: WorkDoneProgressServerReporter | undefined;
  private readonly timer: NodeJS.Timeout | undefined;
  private lastMessage: string | undefined;
  private finished = false;

  constructor(connection: Connection, enabled: boolean, title: string, delayMs = 300) {
    if (!enabled) return;
    this.timer = setTimeout(() => {
      void connection.window.createWorkDoneProgress().then((reporter) => {
        if (this.finished) return reporter.done();
        this.reporter = reporter;
        reporter.begin(title, undefined, this.lastMessage);
      });
    }, delayMs);
  }

  report(message: string): void {
    this.lastMessage = message;
    this.reporter?.report(message);
  }

  done(): void {
    this.finished = true;
    if (this.timer) clearTimeout(this.timer);
    this.reporter?.done();
  }
}
