// Waiting for diagnostics inside the extension host, shared by the suites.
import * as vscode from 'vscode';

/** Resolves once `condition` holds, re-checked on every diagnostics change; fails after `ms`. */
export function until<T>(what: string, condition: () => T | undefined | false, ms = 20_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const value = condition();
      if (!value) return false;
      clearTimeout(timer);
      listener.dispose();
      resolve(value);
      return true;
    };
    const timer = setTimeout(() => {
      listener.dispose();
      reject(new Error(`timed out waiting for ${what}`));
    }, ms);
    const listener = vscode.languages.onDidChangeDiagnostics(() => check());
    check();
  });
}

export const codeOf = (d: vscode.Diagnostic) => (typeof d.code === 'object' ? d.code.value : d.code);

/** The keepalive-race diagnostics of a file. */
export const race = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => codeOf(d) === 'keepalive-race');
