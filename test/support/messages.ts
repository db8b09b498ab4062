// What a diagnostic's message must be: a first sentence of at most about 100 characters naming
// the outcome and its values (the Problems panel shows the first 80), with the details (where
// each value comes from, retries, versions) in later sentences or the related information.
import type { Finding } from '../../server/src/core/types';

export const maxFirstSentence = 100;

/** Up to the first full stop followed by a space (paths and versions have none). */
export function firstSentence(message: string): string {
  const end = message.search(/\.\s/);
  return end === -1 ? message : message.slice(0, end + 1);
}

/** What is wrong with a finding's message, or undefined. */
export function messageFault(finding: Finding): string | undefined {
  const first = firstSentence(finding.message);
  if (first.length > maxFirstSentence) return `[${finding.code}] first sentence of ${first.length} characters: ${first}`;
  const related = finding.related.map((r) => r.message);
  const has = (pattern: RegExp) => related.some((m) => pattern.test(m));
  // The details the first sentence of the keep-alive checks leaves out must be one click away.
  if (finding.code === 'keepalive-race') {
    if (!has(/closes idle connections after .+ here: /))
      return `[keepalive-race] no related line says where the server's timeout comes from: ${finding.message}`;
    if (!has(/keeps idle connections to upstream .+ (for .+ here: |until the server closes them)/))
      return `[keepalive-race] no related line says where nginx's timeout comes from: ${finding.message}`;
    if (!has(/_next_upstream|_request_buffering/)) return `[keepalive-race] no related line says what nginx retries: ${finding.message}`;
  }
  if (finding.code === 'keepalive-lost') {
    if (!has(/keeps \d+ idle connections here/)) return `[keepalive-lost] no related line points at the cache: ${finding.message}`;
    if (!has(/(proxies with HTTP\/[\d.]+|sends "Connection: close"): /))
      return `[keepalive-lost] no related line says where the value comes from: ${finding.message}`;
  }
  return undefined;
}
