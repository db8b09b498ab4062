// The VS Code side: starts the language server and shows what it found. Everything else
// (scanning, analysis, fixes) happens in the server, so the CLI and the editor agree.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, type LanguageClientOptions, type ServerOptions, TransportKind } from 'vscode-languageclient/node';
import { explicitSettingsMiddleware } from './settings';
import {
  analyzeWorkspaceRequest,
  commands,
  backendPatterns,
  deploymentPatterns,
  type StatusParams,
  statusNotification,
} from '../../server/src/lsp/protocol';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('timeout-chain', { log: true });
  const status = vscode.languages.createLanguageStatusItem('timeoutChain.status', [
    { language: 'nginx' },
    ...backendPatterns.map((pattern) => ({ pattern })),
    ...deploymentPatterns.map((pattern) => ({ pattern })),
  ]);
  status.name = 'timeout-chain';
  status.text = 'timeout-chain: starting';
  status.command = { title: 'Show Output', command: commands.showOutput };
  context.subscriptions.push(output, status);

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
    middleware: { workspace: explicitSettingsMiddleware(context) },
  };

  const start = async () => {
    client = new LanguageClient('timeoutChain', 'timeout-chain', serverOptions, clientOptions);
    client.onNotification(statusNotification, (params: StatusParams) => showStatus(status, params, output));
    await client.start();
  };

  context.subscriptions.push(
    vscode.commands.registerCommand(commands.showOutput, () => output.show(true)),
    vscode.commands.registerCommand(commands.restartServer, async () => {
      await client?.stop();
      await start();
    }),
    vscode.commands.registerCommand(commands.analyzeWorkspace, async () => {
      if (!client) return undefined;
      const params = await client.sendRequest<StatusParams>(analyzeWorkspaceRequest);
      showStatus(status, params, output);
      return params;
    }),
  );
  await start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}

function showStatus(item: vscode.LanguageStatusItem, params: StatusParams, output: vscode.LogOutputChannel): void {
  if (params.state === 'scanning') {
    item.text = params.filesRead ? `timeout-chain: scanning (${params.filesRead} files read)` : 'timeout-chain: scanning';
    item.busy = true;
    return;
  }
  item.busy = false;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  item.text = `${plural(params.nginxFiles, 'nginx config')}, ${plural(params.tomcatFiles, 'backend file')}, ${plural(params.linkCount, 'link')}`;
  item.detail = params.problems === 0 ? 'no keep-alive problems' : plural(params.problems, 'problem');
  item.severity = params.problems === 0 ? vscode.LanguageStatusSeverity.Information : vscode.LanguageStatusSeverity.Warning;
  output.info(`${item.text}; ${item.detail}`);
  for (const link of params.links ?? [])
    output.info(
      `  ${link.upstream} -> ${link.connector} (${link.how ?? (link.via === 'port' ? 'by port' : link.via === 'service' ? 'by deployment service' : 'by setting')})`,
    );
}
