// `timeout-chain chains`: each chain as text (one line per hop) or as JSON following
// docs/chains.schema.json.
import type { Chain, ChainBackend } from '../core/chains';
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
