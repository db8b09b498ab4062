// The chain view's page: the server's HTML fragments (core/pictures/chainsHtml.ts) in a shell
// with a strict Content Security Policy (nothing remote, one script by nonce), styled with VS
// Code's theme variables. The script only reports which place was clicked; the extension opens it.
import { randomBytes } from 'node:crypto';
import type { FolderChains } from '../../server/src/lsp/protocol';

/** The page's body: a heading and summary per folder, then its chains. */
export function chainsBody(folders: FolderChains[]): string {
  if (folders.length === 0) return '<p class="tc-empty">No folder analysed yet.</p>';
  return folders
    .map((folder, index) => {
      const s = folder.summary;
      const summary = `${s.upstreams} upstream${s.upstreams === 1 ? '' : 's'}: ${s.races} racing pair${s.races === 1 ? '' : 's'}, ${s.safe} safe, ${s.unjudged} not judged`;
      return `<div class="tc-folder" data-folder="${index}"><h1>${escapeHtml(folder.name)}</h1><p class="tc-summary">${summary}. nginx must give up an idle upstream connection before the server does.</p>${folder.html}</div>`;
    })
    .join('\n');
}

export function chainsPage(body: string, cspSource: string): string {
  const nonce = randomBytes(16).toString('base64');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src ${cspSource} data:; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}';">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Timeout Chain: Chains</title>
<style nonce="${nonce}">${style}</style>
</head>
<body>
${body}
<script nonce="${nonce}">${script}</script>
</body>
</html>
`;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const style = `
body { color: var(--vscode-foreground); background: var(--vscode-editor-background); font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); padding: 0 20px 20px; }
h1 { font-size: 1.3em; margin: 1em 0 0.2em; } h2 { font-size: 1.1em; margin: 1.6em 0 0.4em; border-bottom: 1px solid var(--vscode-panel-border, var(--vscode-widget-border, #8884)); }
.tc-version, .tc-how, .tc-summary, .tc-kind, figcaption { color: var(--vscode-descriptionForeground); font-weight: normal; }
.tc-kind { white-space: nowrap; }
table { border-collapse: collapse; width: 100%; } th, td { text-align: left; padding: 3px 8px; vertical-align: top; border-bottom: 1px solid var(--vscode-widget-border, #8883); overflow-wrap: anywhere; }
th { font-weight: 600; }
.tc-place { font-family: var(--vscode-editor-font-family); color: var(--vscode-textLink-foreground); cursor: pointer; }
.tc-place:hover, .tc-place:focus { color: var(--vscode-textLink-activeForeground); text-decoration: underline; outline: none; }
.tc-place:focus-visible { outline: 1px solid var(--vscode-focusBorder); }
.tc-gives-up-first td { background: var(--vscode-inputValidation-errorBackground, #f003); }
.tc-badge { border-radius: 3px; padding: 0 6px; white-space: nowrap; color: var(--vscode-badge-foreground); background: var(--vscode-badge-background); }
.tc-fails { background: var(--vscode-errorForeground); color: var(--vscode-editor-background); }
.tc-retried { background: var(--vscode-editorWarning-foreground); color: var(--vscode-editor-background); }
.tc-safe { background: var(--vscode-testing-iconPassed, #388a34); color: var(--vscode-editor-background); }
figure.tc-race { margin: 1em 0; } figure.tc-race svg { max-width: 100%; height: auto; }
`;

// Clicks and Enter on a place post its folder, file and line; the scroll position survives a refresh.
const script = `
const vscode = acquireVsCodeApi();
for (const place of document.querySelectorAll('.tc-place')) { place.tabIndex = 0; place.setAttribute('role', 'link'); }
const open = (target) => {
  const place = target.closest('.tc-place');
  const folder = target.closest('.tc-folder');
  if (place && folder) vscode.postMessage({ folder: Number(folder.dataset.folder), file: place.dataset.file, line: Number(place.dataset.line) });
};
document.addEventListener('click', (event) => open(event.target));
document.addEventListener('keydown', (event) => { if (event.key === 'Enter') open(event.target); });
const state = vscode.getState();
if (state && state.scrollY) window.scrollTo(0, state.scrollY);
window.addEventListener('scroll', () => vscode.setState({ scrollY: window.scrollY }));
`;
