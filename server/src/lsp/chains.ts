// The chain view's data: each folder's chains drawn as HTML in VS Code's theme colours, and the
// count of racing pairs the status bar shows. Computed on request only: drawing every chain costs
// about a second on a 10,000-file workspace, counting races a walk over the links.
import * as path from 'node:path';
import type { Analysis } from '../core/analysis';
import { chainsOf } from '../core/chains';
import { chainsHtml, chainsSummary } from '../core/pictures/chainsHtml';
import { upstreamIdleMs, upstreamReuse } from '../core/nginx/reuse';
import { nginxVersionOf } from '../core/analysis';
import { races } from '../core/checks/keepalive-race/verdict';
import type { FolderChains } from './protocol';
import { toUri } from './convert';

export function folderChains(rootDir: string, analysis: Analysis): FolderChains {
  const chains = chainsOf(analysis);
  return {
    name: path.basename(rootDir),
    uri: toUri(rootDir),
    html: chainsHtml(chains, { palette: 'theme' }),
    summary: chainsSummary(chains),
  };
}

/** Linked pairs whose backend closes an idle connection no later than nginx does (the chain view's "races"). */
export function racingPairs(analysis: Analysis): number {
  let count = 0;
  for (const link of analysis.links) {
    const version = nginxVersionOf(analysis, link.config);
    if (races(link.endpoint, upstreamReuse(link.config, link.upstream, version), upstreamIdleMs(link.upstream, version))) count++;
  }
  return count;
}
