// The chain view: a webview panel showing every chain the language server drew, refreshed after
// each analysis while it is open; a click on a hop opens its file at its line, inside its folder only.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { chainsRequest, type ChainsResult, type FolderChains } from '../../server/src/lsp/protocol';
import { chainsBody, chainsPage } from './chainPage';

export class ChainView implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private folders: FolderChains[] = [];
  private body: string | undefined;
  private timer: NodeJS.Timeout | undefined;
  private stale = false;

  constructor(private readonly client: () => LanguageClient | undefined) {}

  /** Opens (or reveals) the view and draws it; resolves to the body shown. */
  async show(): Promise<string> {
    if (this.panel) this.panel.reveal(undefined, true);
    else {
      this.panel = vscode.window.createWebviewPanel(
        'timeoutChain.chains',
        'Timeout Chain: Chains',
        { viewColumn: vscode.window.activeTextEditor ? vscode.ViewColumn.Beside : vscode.ViewColumn.Active, preserveFocus: false },
        { enableScripts: true, localResourceRoots: [] },
      );
      this.panel.onDidDispose(() => (this.panel = this.body = undefined));
      this.panel.onDidChangeViewState(() => this.panel?.visible && this.stale && void this.refresh());
      this.panel.webview.onDidReceiveMessage((message: unknown) => void this.openPlace(message));
    }
    return this.refresh();
  }

  /** After an analysis: draw again, once things settle, and only while someone can see it. */
  analysisChanged(): void {
    if (!this.panel) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      if (this.panel?.visible) void this.refresh();
      else this.stale = true;
    }, 400);
  }

  private async refresh(): Promise<string> {
    const client = this.client();
    this.stale = false;
    const result = client ? await client.sendRequest<ChainsResult>(chainsRequest) : { folders: [] };
    this.folders = result.folders;
    const body = chainsBody(result.folders);
    // The same chains: leave the page (and its scroll position) alone.
    if (this.panel && body !== this.body) {
      this.body = body;
      this.panel.webview.html = chainsPage(body, this.panel.webview.cspSource);
    }
    return body;
  }

  /** Opens a place the page reported, if it lies inside the folder it came from. */
  private async openPlace(message: unknown): Promise<void> {
    const { folder, file, line } = (message ?? {}) as { folder?: unknown; file?: unknown; line?: unknown };
    const root = typeof folder === 'number' ? this.folders[folder] : undefined;
    const target = root && typeof file === 'string' ? placeInFolder(vscode.Uri.parse(root.uri), file) : undefined;
    if (!target || typeof line !== 'number' || !Number.isInteger(line) || line < 1) return;
    const position = new vscode.Position(line - 1, 0);
    await vscode.window.showTextDocument(target, {
      selection: new vscode.Range(position, position),
      viewColumn: this.panel?.viewColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Beside : vscode.ViewColumn.One,
    });
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.panel?.dispose();
  }
}

/** `file` (relative, `/`-separated) inside `folder`; undefined when it is absolute or climbs out. */
export function placeInFolder(folder: vscode.Uri, file: string): vscode.Uri | undefined {
  const parts = file.split(/[\\/]/);
  if (file === '' || path.posix.isAbsolute(file) || path.win32.isAbsolute(file)) return undefined;
  const target = vscode.Uri.joinPath(folder, ...parts);
  const relative = path.posix.relative(folder.path, target.path);
  return relative && !relative.startsWith('..') && !path.posix.isAbsolute(relative) ? target : undefined;
}
