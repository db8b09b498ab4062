// The VS Code side: starts the language server and shows what it found. Everything else
// (scanning, analysis, fixes, the chains' HTML) happens in the server, so the CLI and the editor agree.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, type LanguageClientOptions, type ServerOptions, TransportKind } from 'vscode-languageclient/node';
import { explicitSettingsMiddleware } from './settings';
import { ChainView } from './chainView';
import { StatusReport } from './status';
import { applyFix, fixApplied, fixAppliedCommand, revealOtherFiles } from './fixes';
import { openDocs, openDocsCommand, renderedDocsLinks } from './docsLinks';
import {
  analyzeWorkspaceRequest,
  commands,
  backendPatterns,
  deploymentPatterns,
  type StatusParams,
  statusNotification,
} from '../../server/src/lsp/protocol';

let client: LanguageClient | undefined;

/** What the extension hands other extensions, and its tests. */
export interface TimeoutChainApi {
  statusText(): string;
}

export async function activate(context: vscode.ExtensionContext): Promise<TimeoutChainApi> {
  const output = vscode.window.createOutputChannel('Timeout Chain', { log: true });
  const version = (context.extension.packageJSON as { version?: string }).version ?? '?';
  const folders = (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.fsPath);
  output.info(
    `Timeout Chain ${version} in VS Code ${vscode.version}; ${folders.length ? `folders: ${folders.join(', ')}` : 'no folder open'}`,
  );
  const status = new StatusReport(output);
  const chainView = new ChainView(() => client);
  context.subscriptions.push(output, status, chainView);

  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'nginx' },
      // Backend and deployment files (core/backends/names.ts, lsp/protocol.ts): an unsaved edit re-links at once.
      ...backendPatterns.map((pattern) => ({ scheme: 'file', pattern })),
      ...deploymentPatterns.map((pattern) => ({ scheme: 'file', pattern })),
    ],
    outputChannel: output,
    // The hover links to the chain view and to its fixes; no other command runs from the server's Markdown.
    markdown: { isTrusted: { enabledCommands: [commands.showChains, commands.applyFix] } },
    middleware: {
      workspace: explicitSettingsMiddleware(context),
      handleDiagnostics: renderedDocsLinks(context.extensionUri),
      provideCodeActions: revealOtherFiles,
    },
  };

  const showStatus = (params: StatusParams) => {
    status.show(params);
    if (params.state === 'ready') chainView.analysisChanged();
  };
  const start = async () => {
    client = new LanguageClient('timeoutChain', 'Timeout Chain', serverOptions, clientOptions);
    client.onNotification(statusNotification, showStatus);
    await client.start();
  };

  context.subscriptions.push(
    vscode.commands.registerCommand(commands.showOutput, () => output.show(true)),
    vscode.commands.registerCommand(commands.restartServer, async () => {
      output.info('restarting the language server');
      await client?.stop();
      await start();
    }),
    vscode.commands.registerCommand(commands.analyzeWorkspace, () => analyzeWorkspace(showStatus)),
    vscode.commands.registerCommand(commands.showChains, () => chainView.show()),
    vscode.commands.registerCommand(commands.applyFix, applyFix),
    vscode.commands.registerCommand(fixAppliedCommand, fixApplied),
    vscode.commands.registerCommand(openDocsCommand, (id: unknown) => openDocs(context.extensionUri, id)),
  );
  await start();
  return { statusText: () => status.text };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}

/** Reads the workspace again with a progress notification, then says what it found. */
async function analyzeWorkspace(showStatus: (params: StatusParams) => void): Promise<StatusParams | undefined> {
  if (!client) return undefined;
  const params = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Timeout Chain: analysing the workspace' },
    () => client!.sendRequest<StatusParams>(analyzeWorkspaceRequest),
  );
  showStatus(params);
  void vscode.window
    .showInformationMessage(`Timeout Chain: ${StatusReport.counts(params)} (${StatusReport.files(params)}).`, 'Show Chains')
    .then((choice) => choice && vscode.commands.executeCommand(commands.showChains));
  return params;
}
