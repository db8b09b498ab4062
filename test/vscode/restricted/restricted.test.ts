// Restricted Mode: a folder the user has not trusted. The extension runs no code from the
// workspace, declares untrustedWorkspaces as supported, and so still shows its diagnostics there.
// It is installed from the packaged .vsix (an extension under development is never disabled by
// trust, so that would prove nothing); the runner keeps the folder untrusted and shows no prompt.
import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import * as vscode from 'vscode';
import { race, until } from '../diagnostics';

describe('timeout-chain in Restricted Mode', () => {
  it('the folder is untrusted', () => {
    assert.equal(vscode.workspace.isTrusted, false);
  });

  it('the installed extension is enabled there (not the copy under development)', async () => {
    const extension = vscode.extensions.getExtension('timeout-chain.timeout-chain');
    assert.ok(extension, 'timeout-chain is enabled in Restricted Mode');
    const installedIn = process.env.TIMEOUT_CHAIN_EXTENSIONS_DIR;
    assert.ok(
      installedIn && extension.extensionUri.fsPath.startsWith(installedIn),
      `${extension.extensionUri.fsPath} is the copy installed from the .vsix`,
    );
    await extension.activate();
  });

  it('shows the race on both files', async () => {
    const folder = vscode.workspace.workspaceFolders![0].uri;
    const nginxConf = vscode.Uri.joinPath(folder, 'nginx/nginx.conf');
    const serverXml = vscode.Uri.joinPath(folder, 'tomcat/conf/server.xml');
    await until('the race on both files', () => race(nginxConf).length === 1 && race(serverXml).length === 1, 60_000);
    assert.equal(vscode.workspace.isTrusted, false, 'still untrusted');
  });
});
