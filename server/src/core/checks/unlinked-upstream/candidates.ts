// Which backend endpoint an unlinked upstream server may be: the HTTP endpoints read in the folder
// that no link reaches (a connector on 8080 behind a published 8081), nearest folder first; and
// the fix linking the server to one of them in timeout-chain.json.
import * as path from 'node:path';
import type { Analysis, BackendEndpoint } from '../../analysis';
import type { UpstreamBlock, UpstreamServer } from '../../nginx/model';
import type { ExplicitLink } from '../../settings';
import type { Fix } from '../../types';
import { relativePath } from '../../locate';
import { addLinkEdits } from './settingsEdit';

/** More choices than this are a list to read, not a quick fix to pick. */
export const maxLinkFixes = 4;

/** HTTP endpoints with a port that no link reaches (nginx's proxy_pass speaks HTTP only). */
export function linkCandidates(analysis: Analysis): BackendEndpoint[] {
  const linked = new Set(analysis.links.map((link) => link.endpoint));
  return analysis.endpoints.filter((e) => e.protocol === 'http' && e.port !== undefined && !linked.has(e));
}

/** At most maxLinkFixes candidates, those whose file is fewest folders away from `file` first. */
export function nearestFirst(candidates: readonly BackendEndpoint[], file: string): BackendEndpoint[] {
  return candidates
    .map((endpoint) => ({ endpoint, distance: folderDistance(file, endpoint.file.path) }))
    .sort(
      (a, b) =>
        a.distance - b.distance ||
        (a.endpoint.file.path < b.endpoint.file.path ? -1 : a.endpoint.file.path > b.endpoint.file.path ? 1 : 0) ||
        a.endpoint.port! - b.endpoint.port!,
    )
    .slice(0, maxLinkFixes)
    .map(({ endpoint }) => endpoint);
}

/** Folders walked up from one file's folder and down to the other's. */
function folderDistance(from: string, to: string): number {
  const a = path.dirname(from).split(path.sep);
  const b = path.dirname(to).split(path.sep);
  let common = 0;
  while (common < a.length && common < b.length && a[common] === b[common]) common++;
  return a.length - common + (b.length - common);
}

/** Adds `{ upstream, server, backend, port }` to timeout-chain.json's links; undefined when that file cannot take it. */
export function linkFix(analysis: Analysis, upstream: UpstreamBlock, server: UpstreamServer, endpoint: BackendEndpoint): Fix | undefined {
  const backend = relativePath(analysis, endpoint.file.path);
  const link: ExplicitLink = { upstream: upstream.name, server: server.address.value, backend, port: endpoint.port };
  const edits = addLinkEdits(analysis, link);
  if (!edits) return undefined;
  // The server is named only where the upstream has several: the title stays short otherwise.
  const who = upstream.servers.length > 1 ? `upstream ${upstream.name} server ${server.address.value}` : `upstream ${upstream.name}`;
  // A guess among endpoints nothing reaches: never preferred, the user picks.
  return { title: `Link ${who} to ${backend} port ${endpoint.port}`, isPreferred: false, ...edits };
}
