// What the server gets when it asks for the `timeoutChain` section: only the values a user set
// (user, workspace or folder settings). VS Code fills in every default, and defaults sent as if
// set would override the same keys in the folder's timeout-chain.json (an `nginx.version` there
// would be replaced by the default "").
import * as vscode from 'vscode';
import type { Middleware } from 'vscode-languageclient/node';

export function explicitSettingsMiddleware(context: vscode.ExtensionContext): Middleware['workspace'] {
  const properties =
    (context.extension.packageJSON as { contributes?: { configuration?: { properties?: Record<string, unknown> } } }).contributes
      ?.configuration?.properties ?? {};
  const keys = Object.keys(properties)
    .filter((k) => k.startsWith('timeoutChain.'))
    .map((k) => k.slice('timeoutChain.'.length));
  return {
    configuration: async (params, token, next) => {
      const answers = await next(params, token);
      if (!Array.isArray(answers)) return answers;
      return params.items.map((item, i) => (item.section === 'timeoutChain' ? explicitSettings(item.scopeUri, keys) : answers[i]));
    },
  };
}

function explicitSettings(scopeUri: string | undefined, keys: string[]): Record<string, unknown> {
  const config = vscode.workspace.getConfiguration('timeoutChain', scopeUri ? vscode.Uri.parse(scopeUri) : undefined);
  const result: Record<string, unknown> = {};
  for (const key of keys) {
    const inspected = config.inspect(key);
    const value = inspected?.workspaceFolderValue ?? inspected?.workspaceValue ?? inspected?.globalValue;
    if (value === undefined) continue;
    // `fix.upstreamMarginPercent` -> { fix: { upstreamMarginPercent } }, the shape of timeout-chain.json.
    const parts = key.split('.');
    let target = result;
    for (const part of parts.slice(0, -1)) target = (target[part] ??= {}) as Record<string, unknown>;
    target[parts[parts.length - 1]] = value;
  }
  return result;
}
