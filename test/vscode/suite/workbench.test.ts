// Issue 16 in a real VS Code: the chain view's content and how it follows an edit, a hop opened
// only inside its folder, the status bar's counts, the hover's verdict line and its fix link,
// a fix that changes another file showing that file, Analyze Workspace, and docs links that open
// the rendered page. The workspace is examples/seed-incident plus test/vscode/fixtures.
import assert from 'node:assert/strict';
import { afterEach, before, describe, it } from 'mocha';
import * as vscode from 'vscode';
import { race, until } from '../diagnostics';
import { placeInFolder } from '../../../client/src/chainView';
import type { TimeoutChainApi } from '../../../client/src/extension';
import type { StatusParams } from '../../../server/src/lsp/protocol';

const folder = () => vscode.workspace.workspaceFolders![0].uri;
const nginxConf = () => vscode.Uri.joinPath(folder(), 'nginx/nginx.conf');
const serverXml = () => vscode.Uri.joinPath(folder(), 'tomcat/conf/server.xml');
const bothRacing = () => race(nginxConf()).length === 1 && race(serverXml()).length === 1;
const bothClear = () => race(nginxConf()).length === 0 && race(serverXml()).length === 0;
const raise = "Set Tomcat keepAliveTimeout to 90000 ms (longer than nginx's 60s)";

/** Polls `condition` every 100 ms (for what no diagnostics change announces); fails after `ms`. */
async function poll<T>(what: string, condition: () => T | undefined | false, ms = 20_000): Promise<T> {
  for (const deadline = Date.now() + ms; Date.now() < deadline; await new Promise((resolve) => setTimeout(resolve, 100))) {
    const value = condition();
    if (value) return value;
  }
  throw new Error(`timed out waiting for ${what}`);
}

const allTabs = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs);
const showChains = () => vscode.commands.executeCommand<string>('timeoutChain.showChains');

/** Throws away every unsaved change and closes every editor, as "Don't Save" would. */
async function revertAll(): Promise<void> {
  for (const document of vscode.workspace.textDocuments.filter((d) => d.isDirty)) {
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

describe('Timeout Chain: the chain view and the editor around it', () => {
  let api: TimeoutChainApi;

  before(async () => {
    const extension = vscode.extensions.getExtension<TimeoutChainApi>('timeout-chain.timeout-chain');
    assert.ok(extension);
    api = await extension.activate();
    await until('the race on both files', bothRacing, 60_000);
  });

  // Each test starts from the disk state, also after a failure.
  afterEach(async () => {
    await revertAll();
    await until('the race on both files', bothRacing);
  });

  it('the status bar names the extension and counts the race and the problems', async () => {
    const text = await poll('the counts in the status bar', () => /Timeout Chain: /.test(api.statusText()) && api.statusText());
    assert.equal(text, '$(warning) Timeout Chain: 1 race, 2 problems');
  });

  it('the chain view lists the chain: hops, values, sources, verdict and the race picture', async () => {
    const body = await showChains();
    // The tab model reaches the extension host a moment after the panel opens.
    await poll('the chain view tab', () =>
      allTabs().some(
        (t) =>
          t.label === 'Timeout Chain: Chains' &&
          t.input instanceof vscode.TabInputWebview &&
          t.input.viewType.endsWith('timeoutChain.chains'),
      ),
    );
    assert.match(body, /1 upstream: 1 racing pair, 0 safe, 0 not judged/);
    assert.match(body, /<span class="tc-place" data-file="nginx\/nginx\.conf" data-line="12" [^>]*>upstream <b>app_backend<\/b><\/span>/);
    assert.match(body, /keeps idle connections <b>60s<\/b><\/td><td>keepalive_timeout unset, nginx default/);
    assert.match(body, /data-file="tomcat\/conf\/server\.xml" data-line="\d+"/);
    assert.match(body, /Tomcat closes idle connections after <b>7s<\/b><\/td><td>connectionTimeout, keepAliveTimeout unset/);
    assert.match(body, /<span class="tc-badge tc-fails">races: 502s likely<\/span>/);
    assert.match(body, /<figure class="tc-race"><svg [^>]*role="img"/);
    assert.match(body, /fill="var\(--vscode-errorForeground/, 'the picture takes the theme colours');
  });

  it('the chain view follows an unsaved edit that ends the race, and the disk state back', async () => {
    const text = (await vscode.workspace.openTextDocument(serverXml())).getText();
    const at = text.indexOf('"7000"') + 1;
    const document = await vscode.workspace.openTextDocument(serverXml());
    const edit = new vscode.WorkspaceEdit();
    edit.replace(serverXml(), new vscode.Range(document.positionAt(at), document.positionAt(at + 4)), '90000');
    assert.ok(await vscode.workspace.applyEdit(edit));
    await until('the race gone', bothClear);
    assert.match(await showChains(), /1 upstream: 0 racing pairs, 1 safe/);
    await revertAll();
    await until('the race back', bothRacing);
    assert.match(await showChains(), /1 upstream: 1 racing pair, 0 safe/);
  });

  it('a hop opens only inside its folder', () => {
    const root = vscode.Uri.file('/work/space');
    assert.equal(placeInFolder(root, 'nginx/nginx.conf')?.path, '/work/space/nginx/nginx.conf');
    for (const outside of ['../secret.conf', 'nginx/../../x.conf', '/etc/passwd', 'C:\\Windows\\win.ini', '..\\x', '', '.'])
      assert.equal(placeInFolder(root, outside), undefined, outside);
  });

  /** The Markdown of the hover on the race's squiggle in nginx.conf. */
  async function raceHover(): Promise<vscode.MarkdownString> {
    const [diagnostic] = race(nginxConf());
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', nginxConf(), diagnostic.range.start);
    const markdown = hovers.flatMap((h) => h.contents).find((c): c is vscode.MarkdownString => c instanceof vscode.MarkdownString);
    assert.ok(markdown, 'a Markdown hover');
    return markdown;
  }

  it("the hover's first line is the verdict, and its Markdown runs only the extension's two commands", async () => {
    const markdown = await raceHover();
    assert.equal(markdown.value.split('\n')[0], '**Races:** Tomcat closes after 7s, nginx keeps 60s: POSTs may get 502');
    assert.deepEqual(markdown.isTrusted, { enabledCommands: ['timeoutChain.showChains', 'timeoutChain.applyFix'] });
    assert.match(markdown.value, /\]\(command:timeoutChain\.showChains\)/, 'a link to the chain view');
  });

  it("the hover's fix link applies the fix, and shows the other file it changed", async () => {
    // The link as the hover gives it: command:timeoutChain.applyFix?<URI-encoded JSON array>.
    const query = /\]\(command:timeoutChain\.applyFix\?([^)\s]+)/.exec((await raceHover()).value)?.[1];
    assert.ok(query, 'a fix link in the hover');
    const [link] = JSON.parse(decodeURIComponent(query)) as { uri: string; line: number; character: number; title: string }[];
    assert.equal(link.title, raise, 'the first fix link is the preferred fix');
    assert.equal(await vscode.commands.executeCommand('timeoutChain.applyFix', { ...link, title: 'No such fix' }), false);
    assert.equal(await vscode.commands.executeCommand('timeoutChain.applyFix', { ...link, line: -1 }), false);
    assert.equal(await vscode.commands.executeCommand('timeoutChain.applyFix', link), true);
    const editor = vscode.window.activeTextEditor;
    assert.equal(editor?.document.uri.toString(), serverXml().toString(), 'server.xml shown');
    assert.ok(editor.document.isDirty, 'not saved');
    assert.match(editor.document.lineAt(editor.selection.active.line).text, /keepAliveTimeout="90000"/, 'at the change');
    await until('both diagnostics gone', bothClear);
    await revertAll();
    await until('the race back', bothRacing);
  });

  it('Analyze Workspace reads the folder again and answers with the counts', async () => {
    const params = await vscode.commands.executeCommand<StatusParams>('timeoutChain.analyzeWorkspace');
    assert.equal(params.state, 'ready');
    assert.equal(params.races, 1);
    assert.equal(params.problems, 2);
  });

  it("a diagnostic's docs link opens the check's page rendered", async () => {
    const [diagnostic] = race(nginxConf());
    assert.ok(typeof diagnostic.code === 'object');
    assert.equal(diagnostic.code.target.scheme, 'command');
    assert.equal(diagnostic.code.target.path, 'timeoutChain.openDocs');
    assert.deepEqual(JSON.parse(decodeURIComponent(diagnostic.code.target.query)), ['keepalive-race']);
    await vscode.commands.executeCommand(diagnostic.code.target.path, 'keepalive-race');
    const tab = await poll('the preview tab', () => vscode.window.tabGroups.activeTabGroup.activeTab);
    assert.ok(
      tab.input instanceof vscode.TabInputWebview && /markdown\.preview/.test(tab.input.viewType),
      `a Markdown preview, got ${tab.label}`,
    );
    assert.match(tab.label, /keepalive-race/);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});
