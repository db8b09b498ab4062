// `timeout-chain chains`: each chain as text (one line per hop), as JSON following
// docs/chains.schema.json, or as an HTML page with the race pictures.
import * as path from 'node:path';
import type { Chain, ChainBackend } from '../core/chains';
import { chainsHtml, chainsSummary } from '../core/pictures/chainsHtml';
import { escapeXml } from '../core/pictures/race';
import type { RaceVerdict } from '../core/checks/keepalive-race/verdict';
import { formatDuration } from '../core/duration';

/** The version of the JSON shape, bumped when a field changes meaning or goes. */
export const chainsFormatVersion = 1;

export function chainsJson(chains: Chain[]): string {
  return JSON.stringify({ version: chainsFormatVersion, chains }, null, 2) + '\n';
}

const verdictWords: Record<RaceVerdict, string> = {
  'no-race': 'not judged',
  safe: 'safe: nginx gives up first',
  retried: 'races, but nginx retries every request',
  fails: 'RACES: requests may get 502',
};

export function chainsText(chains: Chain[]): string {
  if (chains.length === 0) return 'No nginx upstream found.\n';
  const out: string[] = [];
  for (const chain of chains) {
    if (out.length > 0) out.push('');
    const keeps = chain.nginxIdleMs === null ? 'until the server closes them' : formatDuration(chain.nginxIdleMs);
    out.push(
      `upstream ${chain.upstream} (${chain.place.file}:${chain.place.line}): nginx keeps idle connections ${keeps} (${chain.nginxIdleSource})${chain.reused ? '' : '; not reused: nothing races'}`,
    );
    for (const route of chain.routes) out.push(`  <- ${route.label} (${route.place.file}:${route.place.line})`);
    for (const server of chain.servers) {
      out.push(`  -> server ${server.address} (${server.place.file}:${server.place.line})`);
      if (server.backends.length === 0) out.push('       -> no backend configuration linked');
      for (const backend of server.backends) out.push(`       -> ${describeBackend(backend)}`);
    }
  }
  return out.join('\n') + '\n';
}

function describeBackend(backend: ChainBackend): string {
  const idle =
    backend.idleMs === null
      ? backend.idleSource
      : `closes idle connections after ${formatDuration(backend.idleMs)} (${backend.idleSource})`;
  return `${backend.label} (${backend.how}; ${backend.place.file}:${backend.place.line}): ${backend.server} ${idle}; ${verdictWords[backend.verdict]}`;
}

/**
 * One self-contained page (no script, no fetch: a CI artifact opens anywhere): the summary, then
 * each chain with its race pictures, light or dark as the reader's system is.
 */
export function chainsHtmlPage(chains: Chain[], rootDir: string): string {
  const summary = chainsSummary(chains);
  const title = `timeout-chain: ${path.basename(rootDir)}`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="timeout-chain">
<title>${escapeXml(title)}</title>
<style>${pageStyle}</style>
</head>
<body>
<h1>${escapeXml(title)}</h1>
<p class="tc-summary">${summary.upstreams} upstream${summary.upstreams === 1 ? '' : 's'}: ${summary.races} racing pair${summary.races === 1 ? '' : 's'}, ${summary.safe} safe, ${summary.unjudged} not judged. The rule: nginx must give up an idle upstream connection before the server does.</p>
${chainsHtml(chains, { palette: 'neutral' })}
</body>
</html>
`;
}

const pageStyle = `
:root { color-scheme: light dark; --fg: #1f2328; --muted: #59636e; --line: #d1d9e0; --bad: #cf222e; --ok: #1a7f37; --warn: #9a6700; }
@media (prefers-color-scheme: dark) { :root { --fg: #e6edf3; --muted: #9198a1; --line: #3d444d; --bad: #f85149; --ok: #3fb950; --warn: #d29922; } }
body { font: 14px/1.5 -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; color: var(--fg); max-width: 980px; margin: 2em auto; padding: 0 1em; }
h1 { font-size: 1.4em; } h2 { font-size: 1.15em; margin-top: 2em; border-bottom: 1px solid var(--line); }
.tc-version, .tc-how, .tc-summary { color: var(--muted); font-weight: normal; }
table { border-collapse: collapse; width: 100%; } th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
.tc-kind { color: var(--muted); } .tc-place { font-family: ui-monospace, monospace; }
.tc-gives-up-first td { background: color-mix(in srgb, var(--bad) 10%, transparent); }
.tc-badge { border-radius: 3px; padding: 0 6px; white-space: nowrap; color: #fff; }
.tc-fails { background: var(--bad); } .tc-retried { background: var(--warn); } .tc-safe { background: var(--ok); } .tc-unjudged { background: var(--muted); }
figure.tc-race { margin: 1em 0; } figure.tc-race svg { max-width: 100%; height: auto; } figcaption { color: var(--muted); font-size: 0.9em; }
`;
