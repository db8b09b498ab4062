// Apache httpd's keep-alive defaults and units, read in httpd's own documentation and source
// (docs/backends/apache.md gives each with its line).

const coreDocs = 'https://httpd.apache.org/docs/2.4/mod/core.html';

/** `KeepAliveTimeout num[ms]`, default 5 (seconds); context server config, virtual host. */
export const keepAliveTimeoutDefaultMs = 5000;
export const keepAliveTimeoutSource = `${coreDocs}#keepalivetimeout (Default: KeepAliveTimeout 5)`;
/** `KeepAlive On|Off`, default On. */
export const keepAliveSource = `${coreDocs}#keepalive (Default: KeepAlive On)`;
/** The versions the defaults hold for: the 2.4 docs; the `ms` suffix since 2.3.2 (CHANGES, "Changes with Apache 2.3.2"). */
export const assumedVersions = 'Apache httpd 2.4';

/**
 * A KeepAliveTimeout value in ms as ap_timeout_parameter_parse (server/util.c) reads it: a
 * non-negative integer with an optional unit `s` (the default), `ms`, `mi` (minutes) or `h`;
 * undefined when httpd refuses it ("KeepAliveTimeout has wrong format").
 */
export function parseApacheTimeout(text: string): number | undefined {
  const m = /^(\d+)(s|ms|mi|h)?$/i.exec(text);
  if (!m) return undefined;
  const unit = { s: 1000, ms: 1, mi: 60_000, h: 3_600_000 }[(m[2] ?? 's').toLowerCase() as 's' | 'ms' | 'mi' | 'h'];
  return Number(m[1]) * unit;
}
