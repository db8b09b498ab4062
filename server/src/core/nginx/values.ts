import { asSentence, quoteToken } from '../quote';
// nginx's value parsers (src/core/ngx_parse.c, ngx_atoi, ngx_atosz, ngx_atoof), with their rejections.

export type TimeResult = { ok: true; ms: number } | { ok: false; reason: string };
export type SizeResult = { ok: true; bytes: number } | { ok: false; reason: string };

const units: Record<string, { step: number; seconds: number }> = {
  y: { step: 1, seconds: 365 * 24 * 3600 },
  M: { step: 2, seconds: 30 * 24 * 3600 },
  w: { step: 3, seconds: 7 * 24 * 3600 },
  d: { step: 4, seconds: 24 * 3600 },
  h: { step: 5, seconds: 3600 },
  m: { step: 6, seconds: 60 },
  s: { step: 7, seconds: 1 },
};
const msStep = 8;
/** A number followed by a space is seconds; only a bare number may follow it (`1 2` is 3 s, `1 2s` is refused). */
const bareStep = 9;
/** NGX_MAX_INT_T_VALUE on the 64-bit builds everyone runs: nginx's cap on times, sizes and counts. */
const maxInt = 2n ** 63n - 1n;

/**
 * ngx_parse_time: numbers with units y M w d h m s ms, largest first (`1h30m`, `1s500ms`), spaces
 * allowed between parts, a bare number meaning seconds. A millisecond directive (unit 'ms', such as
 * upstream keepalive_timeout) starts past months, so it rejects `y` and `M`; a seconds directive
 * rejects `ms`. Every part and the total must fit in a signed 64-bit count of the directive's unit.
 * Returns milliseconds either way.
 */
export function parseNginxTime(text: string, unit: 'ms' | 's'): TimeResult {
  const perSecond = unit === 's' ? 1n : 1000n; // directive units per second
  let step = unit === 's' ? 0 : units.M.step;
  let total = 0n; // in the directive's unit
  let value = 0n;
  let digits = false;
  let i = 0;
  const invalid = (why: string): TimeResult => ({ ok: false, reason: withReason(`"${quoteToken(text)}" is not a valid time`, why) });
  const outOfOrder = 'units must go from the largest to the smallest, each once';
  const add = (scale: bigint): boolean => {
    if (value > maxInt / scale) return false;
    if (total > maxInt - value * scale) return false;
    total += value * scale;
    value = 0n;
    return true;
  };
  while (i < text.length) {
    const c = text[i++];
    if (c >= '0' && c <= '9') {
      value = value * 10n + BigInt(c.charCodeAt(0) - 48);
      if (value > maxInt) return invalid('too large');
      digits = true;
      continue;
    }
    let scale: bigint; // directive units per unit of this part
    if (c === 'm' && text[i] === 's') {
      if (unit === 's') return invalid('this directive takes seconds, not milliseconds');
      if (step >= msStep) return invalid(outOfOrder);
      i++;
      step = msStep;
      scale = 1n;
    } else if (c === ' ') {
      if (step >= units.s.step) return invalid(outOfOrder);
      step = bareStep;
      scale = perSecond;
    } else {
      const u = units[c];
      if (!u) return invalid(`"${quoteToken(c)}" is not a unit (ms s m h d w M y)`);
      if (step >= u.step)
        return invalid(
          unit === 'ms' && (c === 'y' || c === 'M')
            ? `"${c}" (${c === 'y' ? 'years' : 'months'}) is not allowed in a millisecond directive`
            : outOfOrder,
        );
      step = u.step;
      scale = BigInt(u.seconds) * perSecond;
    }
    if (!add(scale)) return invalid('too large');
    while (text[i] === ' ') i++;
  }
  if (!digits) return invalid('a number is required');
  if (!add(perSecond)) return invalid('too large');
  return { ok: true, ms: Number(unit === 's' ? total * 1000n : total) };
}

const sizeUnits: Record<string, bigint> = { k: 1024n, K: 1024n, m: 1024n ** 2n, M: 1024n ** 2n, g: 1024n ** 3n, G: 1024n ** 3n };

/** ngx_parse_size: digits with an optional k/K or m/M suffix (no g: sizes of buffers and rates). */
export function parseNginxSize(text: string): SizeResult {
  return parseSuffixed(text, 'kKmM');
}

/** ngx_parse_offset: digits with an optional k/K, m/M or g/G suffix (file sizes and offsets). */
export function parseNginxOffset(text: string): SizeResult {
  return parseSuffixed(text, 'kKmMgG');
}

function parseSuffixed(text: string, suffixes: string): SizeResult {
  const invalid = (why: string): SizeResult => ({ ok: false, reason: withReason(`"${quoteToken(text)}" is not a valid size`, why) });
  const last = text[text.length - 1] ?? '';
  const hasUnit = last !== '' && suffixes.includes(last);
  const number = hasUnit ? text.slice(0, -1) : text;
  if (number === '') return invalid('a number is required');
  if (!/^\d+$/.test(number)) {
    if ((last === 'g' || last === 'G') && /^\d+$/.test(text.slice(0, -1)))
      return invalid(`"${last}" is not allowed in this directive, only k or m`);
    return invalid(`digits with an optional ${suffixes.length > 4 ? 'k, m or g' : 'k or m'} suffix are required`);
  }
  const scale = hasUnit ? sizeUnits[last] : 1n;
  if (BigInt(number) > maxInt / scale) return invalid('too large');
  return { ok: true, bytes: Number(BigInt(number) * scale) };
}

/** ngx_atoi: decimal digits only; undefined for anything else. */
export function parseNginxInt(text: string): number | undefined {
  if (!/^\d+$/.test(text)) return undefined;
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : undefined;
}

/** Why ngx_atoi rejects a count, or undefined when it accepts it (digits up to 2^63 - 1). */
export function nginxIntProblem(text: string): string | undefined {
  if (!/^\d+$/.test(text)) return `"${quoteToken(text)}" is not a number: digits only`;
  if (BigInt(text) > maxInt) return `"${quoteToken(text)}" is too large`;
  return undefined;
}

/** A time as nginx users write it: `6s` for whole seconds, else `500ms`. */
export function formatNginxTime(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`;
}

/** `"1h1h" is not a valid time: too large`; a longer reason gets a sentence of its own, so that the first stays short. */
function withReason(head: string, why: string): string {
  return why.length <= 20 ? `${head}: ${why}` : `${head}. ${asSentence(why)}`;
}
