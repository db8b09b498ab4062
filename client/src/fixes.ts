// Fixes beyond the light bulb: the hover's fix links (`timeoutChain.applyFix`) apply the quick fix
// of that title at that place, and a fix that changes another file than the one being edited
// shows that file at the change and offers to save it, so the edit is not made out of sight.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Middleware } from 'vscode-languageclient/node';
import type { ApplyFixArgs } from '../../server/src/lsp/protocol';

export const fixAppliedCommand = 'timeoutChain.fixApplied';

interface ChangedFile {
  uri: string;
  line: number;
}

/** Gives each code action whose edit reaches other files a command that reveals them once applied. */
export const revealOtherFiles: Middleware['provideCodeActions'] = async (document, range, context, token, next) => {
  const actions = await next(document, range, context, token);
  for (const action of actions ?? []) {
    if (!(action instanceof vscode.CodeAction) || !action.edit || action.command) continue;
    const changed: ChangedFile[] = action.edit
      .entries()
      .filter(([uri, edits]) => uri.toString() !== document.uri.toString() && edits.length > 0)
      .map(([uri, edits]) => ({ uri: uri.toString(), line: Math.min(...edits.map(firstChangedLine)) }));
    if (changed.length > 0) action.command = { title: 'Show the changed file', command: fixAppliedCommand, arguments: [changed] };
  }
  return actions;
};

/** The line an edit's text starts on: an insertion after a line's end (`\n  keepAliveTimeout=...`) changes the next one. */
function firstChangedLine(edit: vscode.TextEdit): number {
  return edit.range.start.line + (/^\s*/.exec(edit.newText)![0].match(/\n/g)?.length ?? 0);
}

/** After a fix changed other files: the first one shown at its change, and a message naming them all with Save. */
export async function fixApplied(changed: ChangedFile[]): Promise<void> {
  const documents = await Promise.all(changed.map((c) => vscode.workspace.openTextDocument(vscode.Uri.parse(c.uri))));
  const at = new vscode.Position(changed[0].line, 0);
  await vscode.window.showTextDocument(documents[0], { selection: new vscode.Range(at, at), preview: false });
  const names = documents.map((d) => vscode.workspace.asRelativePath(d.uri)).join(', ');
  const unsaved = documents.filter((d) => d.isDirty);
  if (unsaved.length === 0) return;
  // Not awaited: the fix is done; the message stays until the user answers or dismisses it.
  void vscode.window.showInformationMessage(`Timeout Chain: the fix changed ${names} (not saved yet).`, 'Save').then(async (choice) => {
    if (choice === 'Save') await Promise.all(unsaved.map((d) => d.save()));
  });
}

/** The hover's `command:timeoutChain.applyFix?[{uri, line, character, title}]`; checked, as any caller may pass anything. */
export async function applyFix(args: unknown): Promise<boolean> {
  const { uri, line, character, title } = (args ?? {}) as { [K in keyof ApplyFixArgs]?: unknown };
  if (typeof uri !== 'string' || typeof title !== 'string' || !isIndex(line) || !isIndex(character)) return false;
  const at = new vscode.Position(line, character);
  const actions =
    (await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
      'vscode.executeCodeActionProvider',
      vscode.Uri.parse(uri),
      new vscode.Range(at, at),
      vscode.CodeActionKind.QuickFix.value,
    )) ?? [];
  const action = actions.find((a): a is vscode.CodeAction => a instanceof vscode.CodeAction && a.title === title && !!a.edit);
  if (!action?.edit) {
    void vscode.window.showWarningMessage(
      `Timeout Chain: "${title}" is no longer offered in ${path.basename(vscode.Uri.parse(uri).path)}.`,
    );
    return false;
  }
  if (!(await vscode.workspace.applyEdit(action.edit))) return false;
  if (action.command) await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
  return true;
}

const isIndex = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 0;
