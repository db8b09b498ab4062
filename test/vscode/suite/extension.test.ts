// The extension inside a real VS Code, as a user meets it: diagnostics in the Problems panel for
// files never opened, both sides pointing at each other, quick fixes that repair the pair, and
// unsaved edits followed across files. The runner opens a copy of examples/seed-incident plus
// test/vscode/fixtures as the workspace.
import assert from 'node:assert/strict';
import { before, describe, it } from 'mocha';
import * as vscode from 'vscode';
import { codeOf, race, until } from '../diagnostics';

const folder = () => vscode.workspace.workspaceFolders![0].uri;
const nginxConf = () => vscode.Uri.joinPath(folder(), 'nginx/nginx.conf');
const serverXml = () => vscode.Uri.joinPath(folder(), 'tomcat/conf/server.xml');

/** The range of `needle` (its n-th occurrence) in the file as it is on disk. */
async function rangeOf(uri: vscode.Uri, needle: string): Promise<vscode.Range> {
  const text = Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('utf8');
  const start = text.indexOf(needle);
  assert.ok(start >= 0, `${needle} in ${uri.path}`);
  const before = text.slice(0, start).split('\n');
  const line = before.length - 1;
  return new vscode.Range(line, before[line].length, line, before[line].length + needle.length);
}

async function codeActions(uri: vscode.Uri): Promise<vscode.CodeAction[]> {
  const [diagnostic] = race(uri);
  const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
    'vscode.executeCodeActionProvider',
    uri,
    diagnostic.range,
  );
  return actions.filter((a): a is vscode.CodeAction => 'edit' in a || 'kind' in a).filter((a) => a.kind?.value === 'quickfix');
}

/**
 * The diagnostics just seen came from an unsaved text: past the 1 s an auto-save would wait
 * (code-server's default), the document is still dirty and the disk does not have its text.
 */
async function assertStillUnsaved(document: vscode.TextDocument): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 1_500));
  assert.ok(document.isDirty, `${document.uri.path} is still dirty`);
  const disk = Buffer.from(await vscode.workspace.fs.readFile(document.uri)).toString('utf8');
  assert.notEqual(disk, document.getText(), 'the disk does not have the edit');
}

/** Closes the file's editor without saving, as a user choosing "Don't Save" would. */
async function revertAndClose(uri: vscode.Uri): Promise<void> {
  await vscode.window.showTextDocument(uri);
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
}

const bothRacing = () => race(nginxConf()).length === 1 && race(serverXml()).length === 1;
const bothClear = () => race(nginxConf()).length === 0 && race(serverXml()).length === 0;

describe('timeout-chain in VS Code', () => {
  before(async () => {
    const extension = vscode.extensions.getExtension('timeout-chain.timeout-chain');
    assert.ok(extension, 'the extension is installed');
    await extension.activate();
  });

  it('shows the race on both files in the Problems panel without opening either', async () => {
    await until('diagnostics on both files', bothRacing, 60_000);
    const opened = vscode.workspace.textDocuments.map((d) => d.uri.toString());
    assert.ok(!opened.includes(serverXml().toString()), 'server.xml was never opened');
    assert.ok(!opened.includes(nginxConf().toString()), 'nginx.conf was never opened');
    const [onNginx] = race(nginxConf());
    const [onTomcat] = race(serverXml());
    for (const d of [onNginx, onTomcat]) {
      assert.equal(d.source, 'timeout-chain');
      assert.equal(d.severity, vscode.DiagnosticSeverity.Warning);
      assert.ok(
        typeof d.code === 'object' && d.code.target.toString(true) === 'command:timeoutChain.openDocs?["keepalive-race"]',
        'the code links to the check docs, rendered',
      );
    }
    // No keepalive_timeout in the example: the `upstream app_backend` header decides (nginx's 60s default).
    assert.deepEqual(onNginx.range, await rangeOf(nginxConf(), 'upstream app_backend'));
    // No keepAliveTimeout: the connectionTimeout value decides.
    assert.deepEqual(onTomcat.range, await rangeOf(serverXml(), '7000'));
    assert.equal(onTomcat.message, 'upstream app_backend keeps idle connections 60s, Tomcat closes them after 7s: POSTs may get 502');
    // Where the 7s comes from is the related information's, not the first sentence's.
    assert.ok(onTomcat.relatedInformation?.some((r) => r.message.includes('connectionTimeout, keepAliveTimeout unset')));
  });

  it('each side points at the other in its related information', () => {
    const [onNginx] = race(nginxConf());
    const [onTomcat] = race(serverXml());
    assert.equal(onNginx.relatedInformation?.[0].location.uri.toString(), serverXml().toString());
    assert.deepEqual(onNginx.relatedInformation?.[0].location.range, onTomcat.range);
    assert.equal(onTomcat.relatedInformation?.[0].location.uri.toString(), nginxConf().toString());
    assert.deepEqual(onTomcat.relatedInformation?.[0].location.range, onNginx.range);
  });

  it('assigns the nginx language by name pattern, not Properties', async () => {
    for (const file of ['nginx/nginx.conf', 'conf.d/health.conf', 'sites-enabled/status']) {
      const document = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder(), file));
      assert.equal(document.languageId, 'nginx', file);
    }
  });

  it('follows an unsaved server.xml edit in nginx.conf, and closing without saving brings the disk state back', async () => {
    const document = await vscode.workspace.openTextDocument(serverXml());
    const edit = new vscode.WorkspaceEdit();
    edit.replace(serverXml(), await rangeOf(serverXml(), '7000'), '90000');
    assert.ok(await vscode.workspace.applyEdit(edit));
    assert.ok(document.isDirty);
    await until('the nginx diagnostic cleared by the unsaved edit', bothClear);
    await assertStillUnsaved(document);
    await revertAndClose(serverXml());
    await until('the race back from the disk state', bothRacing);
  });

  it('Tomcat side: the preferred fix raises keepAliveTimeout, keeps connectionTimeout, and clears both', async () => {
    const actions = await codeActions(serverXml());
    assert.deepEqual(
      actions.map((a) => [a.title, a.isPreferred ?? false]),
      [
        ["Set Tomcat keepAliveTimeout to 90000 ms (longer than nginx's 60s)", true],
        ["Lower nginx upstream keepalive_timeout to 6s (shorter than Tomcat's 7s)", false],
      ],
    );
    assert.ok(await vscode.workspace.applyEdit(actions[0].edit!));
    const text = (await vscode.workspace.openTextDocument(serverXml())).getText();
    assert.match(text, /connectionTimeout="7000"\n(\s+)keepAliveTimeout="90000"\n/);
    await until('both diagnostics gone', bothClear);
    await assertStillUnsaved(await vscode.workspace.openTextDocument(serverXml()));
    await revertAndClose(serverXml());
    await until('the race back after reverting', bothRacing);
  });

  it('nginx side: the same preferred fix, and the lowering lands in nginx.conf', async () => {
    const actions = await codeActions(nginxConf());
    assert.equal(actions.find((a) => a.isPreferred)?.title, "Set Tomcat keepAliveTimeout to 90000 ms (longer than nginx's 60s)");
    const lower = actions.find((a) => a.title.startsWith('Lower nginx'));
    assert.ok(lower?.edit);
    assert.deepEqual(
      lower.edit.entries().map(([uri]) => uri.toString()),
      [nginxConf().toString()],
    );
    assert.ok(await vscode.workspace.applyEdit(lower.edit));
    const text = (await vscode.workspace.openTextDocument(nginxConf())).getText();
    assert.match(text, /\n(\s+)keepalive 32;\n\1keepalive_timeout 6s;\n/);
    await until('both diagnostics gone', bothClear);
    await assertStillUnsaved(await vscode.workspace.openTextDocument(nginxConf()));
    await revertAndClose(nginxConf());
    await until('the race back after reverting', bothRacing);
  });

  it('timeout-chain.json: its problems are errors on it, and its values are not overridden by VS Code defaults', async () => {
    const file = vscode.Uri.joinPath(folder(), 'timeout-chain.json');
    const settingsProblems = () => vscode.languages.getDiagnostics(file).filter((d) => codeOf(d) === 'settings');
    await vscode.workspace.fs.writeFile(
      file,
      Buffer.from('{\n  "fix": { "upstreamMarginPercent": 100 },\n  "nginx": { "versoin": "1.24.0" }\n}\n'),
    );
    const [problem] = await until(
      'the settings diagnostic on timeout-chain.json',
      () => settingsProblems().length === 1 && settingsProblems(),
    );
    assert.equal(problem.severity, vscode.DiagnosticSeverity.Error);
    assert.match(problem.message, /unknown setting "versoin": did you mean "version"\?/);
    assert.deepEqual(problem.range, new vscode.Range(2, 13, 2, 22));
    // The file's 100 % margin over nginx's 60s, not VS Code's default 50 % (which would give 90000 ms).
    assert.equal(
      (await codeActions(serverXml())).find((a) => a.isPreferred)?.title,
      "Set Tomcat keepAliveTimeout to 120000 ms (longer than nginx's 60s)",
    );
    await vscode.workspace.fs.delete(file);
    await until('the settings diagnostic gone with the file', () => vscode.languages.getDiagnostics(file).length === 0);
    assert.equal(
      (await codeActions(serverXml())).find((a) => a.isPreferred)?.title,
      "Set Tomcat keepAliveTimeout to 90000 ms (longer than nginx's 60s)",
    );
  });
});
