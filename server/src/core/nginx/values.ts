// nginx's value parsers (src/core/ngx_parse.c, ngx_atoi), with their rejections.

export type TimeResult = { ok: true; ms: number } | { ok: false; reason: string };

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
const maxValue = Number.MAX_SAFE_INTEGER;

/**
 * ngx_parse_time: numbers with units y M w d h m s ms, largest first (`1h30m`, `1s500ms`), spaces
 * allowed after a unit, a bare number meaning seconds. A millisecond directive (unit 'ms', such as
 * upstream keepalive_timeout) starts past months, so it rejects `y` and `M`; a seconds directive
 * rejects `ms`. Returns milliseconds either way.
 */
export function parseNginxTime(text: string, unit: 'ms' | 's'): TimeResult {
  let step = unit === 's' ? 0 : units.M.step;
  let total = 0;
  let value = 0;
  let digits = false;
  let i = 0;
  const invalid = (why: string): TimeResult => ({ ok: false, reason: `"${text}" is not a valid time: ${why}` });
  while (i < text.length) {
    const c = text[i];
    if (c >= '0' && c <= '9') {
      value = value * 10 + (c.charCodeAt(0) - 48);
      if (value > maxValue) return invalid('too large');
      digits = true;
      i++;
      continue;
    }
    i++;
    let scaleMs: number;
    if (c === 'm' && text[i] === 's') {
      if (unit === 's') return invalid('this directive takes seconds, not milliseconds');
      if (step >= msStep) return invalid('units must go from the largest to the smallest, each once');
      i++;
      step = msStep;
      scaleMs = 1;
    } else {
      const u = units[c];
      if (!u) return invalid(`"${c}" is not a unit (ms s m h d w M y)`);
      if (step >= u.step) return invalid(unit === 'ms' && (c === 'y' || c === 'M') ? `"${c}" (${c === 'y' ? 'years' : 'months'}) is not allowed in a millisecond directive` : 'units must go from the largest to the smallest, each once');
      step = u.step;
      scaleMs = u.seconds * 1000;
    }
    total += value * scaleMs;
    if (total > maxValue) return invalid('too large');
    value = 0;
    while (text[i] === ' ') i++;
  }
  if (!digits) return invalid('a number is required');
  total += value * 1000;
  if (total > maxValue) return invalid('too large');
  return { ok: true, ms: total };
}

/** ngx_atoi: decimal digits only; undefined for anything else. */
export function parseNginxInt(text: string): number | undefined {
  if (!/^\d+$/.test(text)) return undefined;
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : undefined;
}

/** A time as nginx users write it: `6s` for whole seconds, else `500ms`. */
export function formatNginxTime(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`;
}
