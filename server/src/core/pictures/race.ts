// The race as the packet capture showed it, drawn as SVG: nginx above, the backend below, time to
// the right. After the last response the connection idles; whoever's timer fires first closes it.
// When the backend's fires first, its FIN crosses nginx's next request, the backend answers RST
// and nginx returns 502 (or retries, when it may). When nginx's fires first, it closes and the
// next request opens a new connection. Each picture comes with a text alternative saying the same.
import { formatDuration } from '../duration';
import type { RaceOutcome } from '../nginx/retry';

export interface RacePictureInput {
  /** `Tomcat` */
  serverName: string;
  /** How long nginx keeps an idle connection; null: until the server closes it (nginx before 1.15.3). */
  nginxMs: number | null;
  /** When the backend closes an idle connection. */
  backendMs: number;
  /** For a racing pair, who gets 502 (nginx/retry.ts); undefined: the pair is safe. */
  outcome?: RaceOutcome;
}

export interface RacePicture {
  svg: string;
  /** The picture in words, for screen readers, `alt` and the CLI. */
  text: string;
}

/** Colours: `theme` follows VS Code's (a webview's CSS variables); `neutral` reads on light and dark alike (hover images, HTML). */
export type PicturePalette = 'theme' | 'neutral';

const width = 640;
const height = 220;
const nginxY = 56;
const backendY = 166;
const left = 96;
const right = width - 24;

/** The request that races, and what becomes of it, as the outcome says. */
function racingRequest(outcome: RaceOutcome): { method: string; result: 'retried' | '502' } {
  switch (outcome) {
    case 'retried':
      return { method: 'POST', result: 'retried' };
    case 'streamed-body-fails':
      return { method: 'upload', result: '502' };
    case 'non-idempotent-fails':
    case 'non-idempotent-and-streamed-fail':
      return { method: 'POST', result: '502' };
    case 'all-fail':
      return { method: 'GET', result: '502' };
  }
}

/** `displayWidth` scales the drawing (a hover is narrower than a page); the height follows. */
export function racePicture(input: RacePictureInput, palette: PicturePalette = 'neutral', displayWidth = width): RacePicture {
  const races = input.outcome !== undefined;
  const nginxText = input.nginxMs === null ? 'until the server closes' : formatDuration(input.nginxMs);
  const backendText = formatDuration(input.backendMs);
  const end = Math.max(input.backendMs, input.nginxMs ?? input.backendMs) * 1.25 || 1;
  const scale = (ms: number) => left + ((right - left) * ms) / end;
  const c = colours(palette);
  const parts: string[] = [];
  const line = (x1: number, y1: number, x2: number, y2: number, colour: string, extra = '') =>
    parts.push(`<line x1="${r(x1)}" y1="${r(y1)}" x2="${r(x2)}" y2="${r(y2)}" stroke="${colour}" stroke-width="1.6"${extra}/>`);
  const arrow = (x1: number, y1: number, x2: number, y2: number, colour: string, label: string, labelX: number, labelY: number) => {
    line(x1, y1, x2, y2, colour, ` marker-end="url(#head-${colourId(colour, c)})"`);
    text(labelX, labelY, label, colour);
  };
  const text = (x: number, y: number, words: string, colour = c.text, anchor = 'start', weight = 'normal') =>
    parts.push(`<text x="${r(x)}" y="${r(y)}" fill="${colour}" text-anchor="${anchor}" font-weight="${weight}">${escapeXml(words)}</text>`);

  // The two ends of the connection.
  text(left - 10, nginxY + 4, 'nginx', c.text, 'end', 'bold');
  text(left - 10, backendY + 4, input.serverName, c.text, 'end', 'bold');
  line(left, nginxY, right, nginxY, c.lane);
  line(left, backendY, right, backendY, c.lane);

  // The last response, then the idle gap up to the first close.
  const x0 = left + 20;
  arrow(x0, backendY, x0 + 24, nginxY, c.lane, 'last response', x0 + 8, backendY + 34);
  const closeMs = races || input.nginxMs === null ? input.backendMs : Math.min(input.nginxMs, input.backendMs);
  // The first close leaves room for what follows it, however far apart the two timeouts are.
  const xClose = Math.min(right - 230, Math.max(left + 90, scale(closeMs)));
  const at = (ms: number) => (ms === closeMs ? xClose : Math.max(xClose, scale(ms)));
  parts.push(
    `<rect x="${r(x0 + 24)}" y="${nginxY + 8}" width="${r(Math.max(0, xClose - x0 - 24))}" height="${backendY - nginxY - 16}" fill="${c.idle}"/>`,
  );
  text((x0 + 24 + xClose) / 2, (nginxY + backendY) / 2 + 4, `idle ${formatDuration(closeMs)}`, c.muted, 'middle');

  let words: string;
  if (races) {
    const { method, result } = racingRequest(input.outcome!);
    // The backend's FIN and nginx's request cross on the wire.
    arrow(xClose, backendY, xClose + 40, nginxY, c.bad, `FIN at ${backendText}`, xClose - 4, backendY + 18);
    arrow(xClose + 6, nginxY, xClose + 46, backendY, c.request, method, xClose + 6, nginxY - 10);
    arrow(xClose + 48, backendY, xClose + 88, nginxY, c.bad, 'RST', xClose + 62, backendY + 18);
    if (result === '502') {
      parts.push(`<rect x="${r(xClose + 94)}" y="${nginxY - 26}" width="44" height="20" rx="4" fill="${c.bad}"/>`);
      text(xClose + 116, nginxY - 12, '502', c.onBad, 'middle', 'bold');
      text(xClose + 144, nginxY - 12, 'Bad Gateway', c.bad);
    } else {
      arrow(xClose + 96, nginxY, xClose + 126, backendY, c.good, 'retried on a new connection', xClose + 96, nginxY - 10);
    }
    if (input.nginxMs !== null) {
      const x = at(input.nginxMs);
      const label = `nginx would close at ${nginxText}${input.nginxMs === input.backendMs ? ' too' : ''}`;
      timerMark(x, nginxY, label, x > xClose + 150 ? 'right' : 'left', c, parts); // left: over the idle gap
    }
    words =
      `After the last response the connection idles. ${input.serverName} closes it after ${backendText} while nginx keeps it ${nginxText}: ` +
      `its FIN crosses the ${method} nginx sends on it, ${input.serverName} answers RST, and ` +
      (result === '502' ? `nginx returns 502 Bad Gateway.` : `nginx retries the request on a new connection.`);
  } else {
    const nginxMs = input.nginxMs ?? 0;
    arrow(xClose, nginxY, xClose + 40, backendY, c.good, `nginx closes at ${nginxText}`, xClose - 4, nginxY - 10);
    text(xClose + 30, nginxY + 24, 'next request: new connection', c.muted);
    timerMark(at(input.backendMs), backendY, `${input.serverName} would close at ${backendText}`, 'right', c, parts);
    words =
      `After the last response the connection idles. nginx closes it after ${formatDuration(nginxMs)}, before ${input.serverName} ` +
      `would at ${backendText}: the next request opens a new connection, and nothing races.`;
  }
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${displayWidth}" height="${Math.round((height * displayWidth) / width)}" role="img" aria-label="${escapeXml(words)}" font-family="-apple-system, 'Segoe UI', Helvetica, Arial, sans-serif" font-size="12">` +
    `<title>${escapeXml(words)}</title>` +
    `<defs>${[c.lane, c.bad, c.request, c.good].map((colour) => marker(colourId(colour, c), colour)).join('')}</defs>` +
    parts.join('') +
    `</svg>`;
  return { svg, text: words };
}

/** A dashed tick where a timer would fire, had the connection still been open. */
function timerMark(x: number, y: number, label: string, side: 'left' | 'right', c: Colours, parts: string[]): void {
  parts.push(
    `<line x1="${r(x)}" y1="${y - 10}" x2="${r(x)}" y2="${y + 10}" stroke="${c.muted}" stroke-dasharray="3 3" stroke-width="1.6"/>`,
  );
  // Between the lanes, beside the tick; right only where the label fits (about 6.5 px a character).
  const inward = y < height / 2 ? y + 24 : y - 12;
  const fitsRight = side === 'right' && x + 6 + label.length * 6.5 <= width;
  parts.push(
    `<text x="${r(fitsRight ? x + 6 : x - 6)}" y="${inward}" fill="${c.muted}" text-anchor="${fitsRight ? 'start' : 'end'}">${escapeXml(label)}</text>`,
  );
}

interface Colours {
  text: string;
  muted: string;
  lane: string;
  idle: string;
  bad: string;
  onBad: string;
  good: string;
  request: string;
}

function colours(palette: PicturePalette): Colours {
  if (palette === 'theme')
    return {
      text: 'var(--vscode-foreground, #333)',
      muted: 'var(--vscode-descriptionForeground, #777)',
      lane: 'var(--vscode-foreground, #333)',
      idle: 'var(--vscode-editor-inactiveSelectionBackground, rgba(128,128,128,0.15))',
      bad: 'var(--vscode-errorForeground, #d1242f)',
      onBad: 'var(--vscode-editor-background, #fff)',
      good: 'var(--vscode-testing-iconPassed, #1a7f37)',
      request: 'var(--vscode-textLink-foreground, #0969da)',
    };
  // Mid-tones that read on a white page and on a dark hover alike.
  return {
    text: '#8b949e',
    muted: '#8b949e',
    lane: '#8b949e',
    idle: 'rgba(139,148,158,0.16)',
    bad: '#e5534b',
    onBad: '#ffffff',
    good: '#3fb950',
    request: '#4493f8',
  };
}

function colourId(colour: string, c: Colours): string {
  return colour === c.bad ? 'bad' : colour === c.good ? 'good' : colour === c.request ? 'request' : 'lane';
}

function marker(id: string, colour: string): string {
  return `<marker id="head-${id}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="${colour}"/></marker>`;
}

const r = (n: number) => Math.round(n * 10) / 10;

export function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (ch) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[ch]!);
}

/** The picture as a `data:` URI, for Markdown images (VS Code strips inline `<svg>` from hovers). */
export function svgDataUri(svg: string): string {
  return `data:image/svg+xml;base64,${Buffer.from(svg, 'utf8').toString('base64')}`;
}
