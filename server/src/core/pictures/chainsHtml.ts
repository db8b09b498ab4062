// Every chain as HTML: one section per nginx upstream, a row per hop (locations -> upstream ->
// server -> backend) with its idle timeout, where the value comes from and the verdict, and the
// race picture of each judged pair. The CLI's `chains --format html` page and the VS Code chain
// view both show this fragment; each wraps it in its own page and styles (classes `tc-*`).
// Places carry `data-file` and `data-line` so a page can open them.
import type { Chain, ChainBackend, ChainPlace } from '../chains';
import { formatDuration } from '../duration';
import { escapeXml as escapeHtml, racePicture, type PicturePalette } from './race';

export interface ChainsHtmlOptions {
  palette: PicturePalette;
  /** A link for a place (`nginx/nginx.conf#L12`); undefined: the place is plain text. */
  href?(place: ChainPlace): string | undefined;
}

const verdictWords: Record<ChainBackend['verdict'], { badge: string; className: string }> = {
  fails: { badge: 'races: 502s likely', className: 'tc-fails' },
  retried: { badge: 'races, nginx retries', className: 'tc-retried' },
  safe: { badge: 'safe', className: 'tc-safe' },
  'no-race': { badge: 'not judged', className: 'tc-unjudged' },
};

/** How many judged pairs race, are safe, or are not judged: the page's summary line. */
export function chainsSummary(chains: Chain[]): { races: number; safe: number; unjudged: number; upstreams: number } {
  const backends = chains.flatMap((c) => c.servers.flatMap((s) => s.backends));
  return {
    upstreams: chains.length,
    races: backends.filter((b) => b.verdict === 'fails' || b.verdict === 'retried').length,
    safe: backends.filter((b) => b.verdict === 'safe').length,
    unjudged: backends.filter((b) => b.verdict === 'no-race').length,
  };
}

export function chainsHtml(chains: Chain[], options: ChainsHtmlOptions): string {
  if (chains.length === 0) return '<p class="tc-empty">No nginx upstream found.</p>';
  return chains.map((chain) => chainSection(chain, options)).join('\n');
}

function chainSection(chain: Chain, options: ChainsHtmlOptions): string {
  const place = (p: ChainPlace, words: string) => {
    const href = options.href?.(p);
    const attributes = `class="tc-place" data-file="${escapeHtml(p.file)}" data-line="${p.line}" title="${escapeHtml(`${p.file}:${p.line}`)}"`;
    return href ? `<a ${attributes} href="${escapeHtml(href)}">${words}</a>` : `<span ${attributes}>${words}</span>`;
  };
  const keeps = chain.nginxIdleMs === null ? 'until the server closes them' : formatDuration(chain.nginxIdleMs);
  const rows: string[] = [];
  for (const route of chain.routes) rows.push(hop('location', place(route.place, escapeHtml(route.label)), '', ''));
  rows.push(
    hop(
      'upstream',
      place(chain.place, `upstream <b>${escapeHtml(chain.upstream)}</b>`),
      `keeps idle connections <b>${keeps}</b>`,
      escapeHtml(chain.reused ? chain.nginxIdleSource : `${chain.nginxIdleSource}; not reused, so nothing races`),
    ),
  );
  const pictures: string[] = [];
  for (const server of chain.servers) {
    rows.push(hop('server', place(server.place, `server ${escapeHtml(server.address)}`), '', ''));
    if (server.backends.length === 0) rows.push(hop('backend', '<i>no backend configuration linked</i>', '', ''));
    for (const backend of server.backends) {
      // A hop that gives up later than the one before it (nginx) is what races.
      const later = backend.verdict === 'fails' || backend.verdict === 'retried';
      const closes =
        backend.idleMs === null ? escapeHtml(backend.idleSource) : `closes idle connections after <b>${formatDuration(backend.idleMs)}</b>`;
      const verdict = verdictWords[backend.verdict];
      rows.push(
        hop(
          'backend',
          `${place(backend.place, escapeHtml(backend.label))} <span class="tc-how">${escapeHtml(backend.how)}</span>`,
          `${escapeHtml(backend.server)} ${closes}`,
          `${backend.idleMs === null ? '' : escapeHtml(backend.idleSource)} <span class="tc-badge ${verdict.className}">${verdict.badge}</span>`,
          later ? 'tc-gives-up-first' : '',
        ),
      );
      if (backend.idleMs !== null && backend.verdict !== 'no-race') {
        const picture = racePicture(
          { serverName: backend.server, nginxMs: chain.nginxIdleMs, backendMs: backend.idleMs, outcome: backend.outcome },
          options.palette,
        );
        pictures.push(
          `<figure class="tc-race">${picture.svg}<figcaption>${escapeHtml(`${chain.upstream} -> ${backend.label}: `)}${escapeHtml(picture.text)}</figcaption></figure>`,
        );
      }
    }
  }
  return (
    `<section class="tc-chain" id="${escapeHtml(`upstream-${chain.upstream}-${chain.place.file}-${chain.place.line}`)}">` +
    `<h2>upstream ${escapeHtml(chain.upstream)} <span class="tc-version">${escapeHtml(chain.nginxVersion)}</span></h2>` +
    `<table class="tc-hops"><thead><tr><th>hop</th><th>where</th><th>idle timeout</th><th>from</th></tr></thead><tbody>${rows.join('')}</tbody></table>` +
    pictures.join('') +
    `</section>`
  );
}

function hop(kind: string, where: string, timeout: string, from: string, className = ''): string {
  return `<tr class="tc-hop tc-${kind} ${className}"><td class="tc-kind">${kind}</td><td>${where}</td><td>${timeout}</td><td>${from}</td></tr>`;
}
