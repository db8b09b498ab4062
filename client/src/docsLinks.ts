// A diagnostic's code links to its check's page, which ships with the extension as Markdown
// (docs/checks/<id>.md). Opened as a file, that is raw, editable source; so the link is turned
// into a command that shows the page rendered, in VS Code's Markdown preview.
import * as vscode from 'vscode';
import type { Middleware } from 'vscode-languageclient/node';

export const openDocsCommand = 'timeoutChain.openDocs';

const checkPage = (extensionUri: vscode.Uri, id: string) => vscode.Uri.joinPath(extensionUri, 'docs', 'checks', `${id}.md`);

export function renderedDocsLinks(extensionUri: vscode.Uri): Middleware['handleDiagnostics'] {
  return (uri, diagnostics, next) => {
    for (const diagnostic of diagnostics) {
      const code = diagnostic.code;
      if (typeof code !== 'object' || typeof code.value !== 'string') continue;
      if (code.target.scheme !== 'file' || code.target.fsPath !== checkPage(extensionUri, code.value).fsPath) continue;
      diagnostic.code = {
        value: code.value,
        target: vscode.Uri.parse(`command:${openDocsCommand}?${encodeURIComponent(JSON.stringify([code.value]))}`),
      };
    }
    next(uri, diagnostics);
  };
}

/** Shows a check's page rendered; only pages of this extension's own docs. */
export async function openDocs(extensionUri: vscode.Uri, id: unknown): Promise<void> {
  if (typeof id !== 'string' || !/^[a-z0-9-]+$/.test(id)) return;
  const page = checkPage(extensionUri, id);
  try {
    await vscode.commands.executeCommand('markdown.showPreview', page);
  } catch {
    await vscode.window.showTextDocument(page); // the Markdown extension is disabled: the source, at least
  }
}
