// nginx versions and the upstream keep-alive defaults that changed in 1.29.7.
import { quoteToken } from '../quote';

export interface NginxVersion {
  major: number;
  minor: number;
  patch: number;
  /** As the user wrote it, or `newest` when no version was given. */
  label: string;
  /** True when no version was configured and the newest behaviour is assumed. */
  assumed: boolean;
  /** Where it was taken from when no setting gave it: the image of the deployment running nginx, and whether its tag was a branch (`nginx:stable-alpine: ... (assumed), compose service proxy`). */
  source?: string;
}

/** Version from which upstream blocks keep 32 idle connections and proxy with HTTP/1.1 by default. */
export const keepaliveByDefaultSince = { major: 1, minor: 29, patch: 7 };

/**
 * Version from which the keepalive module times out idle cached connections (`keepalive_timeout`,
 * default 60s): nginx's changes.xml for 1.15.3, commit 7de808990 "Upstream keepalive:
 * keepalive_timeout directive". The 1.14 module calls no ngx_add_timer on a cached connection: it
 * stays until the server closes it.
 */
export const upstreamIdleTimerSince = { major: 1, minor: 15, patch: 3 };

/** Whether nginx times out idle upstream connections at all (an assumed version is the newest). */
export function hasUpstreamIdleTimer(version: NginxVersion): boolean {
  return version.assumed || atLeast(version, upstreamIdleTimerSince);
}

export function parseNginxVersion(text: string | undefined): NginxVersion | { error: string } {
  if (text === undefined || text.trim() === '') {
    return { ...keepaliveByDefaultSince, label: 'newest', assumed: true };
  }
  const match = /^\s*(?:nginx\/)?(\d+)\.(\d+)(?:\.(\d+))?\s*$/.exec(text);
  if (!match) return { error: `"${quoteToken(text)}" is not an nginx version such as 1.24.0` };
  return { major: +match[1], minor: +match[2], patch: match[3] === undefined ? 0 : +match[3], label: text.trim(), assumed: false };
}

export function atLeast(version: NginxVersion, other: { major: number; minor: number; patch: number }): boolean {
  if (version.major !== other.major) return version.major > other.major;
  if (version.minor !== other.minor) return version.minor > other.minor;
  return version.patch >= other.patch;
}

/** The defaults that decide whether nginx reuses upstream connections. */
export interface ProxyDefaults {
  /** `keepalive N` when the upstream block has none (0: no connection cache). */
  keepalive: number;
  httpVersion: '1.0' | '1.1';
  /** The Connection header nginx sends when no proxy_set_header sets it ('' = none sent). */
  connection: string;
}

export function proxyDefaults(version: NginxVersion): ProxyDefaults {
  return atLeast(version, keepaliveByDefaultSince)
    ? { keepalive: 32, httpVersion: '1.1', connection: '' }
    : { keepalive: 0, httpVersion: '1.0', connection: 'close' };
}

/** How a message names the version: "nginx 1.24.0" or "nginx 1.29.7+ (assumed; set timeoutChain.nginx.version)". */
export function describeVersion(version: NginxVersion): string {
  if (version.assumed) return 'nginx 1.29.7 or newer (assumed: timeoutChain.nginx.version is not set)';
  return version.source ? `nginx ${version.label} (from ${version.source})` : `nginx ${version.label}`;
}
