// What the server found, in the status bar (counts; a click opens the chain view) and in the
// output channel (a start line, then one line per change: an edit that changes nothing logs nothing).
import * as vscode from 'vscode';
import { commands, type StatusParams } from '../../server/src/lsp/protocol';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export class StatusReport implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('timeoutChain.status', vscode.StatusBarAlignment.Left, 10);
  private lastLine: string | undefined;

  constructor(private readonly output: vscode.LogOutputChannel) {
    this.item.name = 'Timeout Chain';
    this.item.text = '$(sync~spin) Timeout Chain';
    this.item.tooltip = 'Timeout Chain: starting';
    this.item.command = commands.showChains;
    this.item.show();
  }

  /** The summary a person reads: `1 race, 2 problems`. */
  static counts(params: StatusParams): string {
    return `${plural(params.races, 'race')}, ${plural(params.problems, 'problem')}`;
  }

  static files(params: StatusParams): string {
    return `${plural(params.nginxFiles, 'nginx config')}, ${plural(params.tomcatFiles, 'backend file')}, ${plural(params.linkCount, 'link')}`;
  }

  show(params: StatusParams): void {
    if (params.state === 'scanning') {
      this.item.text = '$(sync~spin) Timeout Chain';
      this.item.tooltip = params.filesRead ? `Timeout Chain: reading (${params.filesRead} files read)` : 'Timeout Chain: reading';
      this.log('reading the workspace');
      return;
    }
    const counts = StatusReport.counts(params);
    this.item.text = `${params.races > 0 ? '$(warning)' : '$(check)'} Timeout Chain: ${counts}`;
    this.item.tooltip = `Timeout Chain: ${counts}\n${StatusReport.files(params)}\nClick to show the chains.`;
    this.log(`${StatusReport.files(params)}; ${counts}`);
    for (const link of params.links ?? [])
      this.output.info(
        `  ${link.upstream} -> ${link.connector} (${link.how ?? (link.via === 'port' ? 'by port' : link.via === 'service' ? 'by deployment service' : 'by setting')})`,
      );
  }

  /** What the status bar shows now (for the tests). */
  get text(): string {
    return this.item.text;
  }

  private log(line: string): void {
    if (line === this.lastLine) return;
    this.lastLine = line;
    this.output.info(line);
  }

  dispose(): void {
    this.item.dispose();
  }
}
