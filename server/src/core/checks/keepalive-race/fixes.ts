// The two repairs of a keep-alive race: give Tomcat the longer idle timeout (preferred), or
// make nginx give up idle connections sooner. Values follow keepalive-rules.md "Margin".
import type { Analysis, ConnectorRef, Link } from '../../analysis';
import type { FixMargins } from '../../settings';
import type { Fix, TextEdit } from '../../types';
import { ceilToSecond, formatDuration } from '../../duration';
import { formatNginxTime } from '../../nginx/values';
import type { ConfigNode } from '../../nginx/model';
import { locate } from '../locate';
import { setConnectorAttributeEdit } from '../../tomcat/edits';

/** At least max(nginx + 50 %, nginx + 5 s), rounded up to whole seconds (60 s -> 90 s). */
export function raisedUpstreamMs(nginxMs: number, margins: FixMargins): number {
  return ceilToSecond(Math.max(nginxMs * (1 + margins.upstreamMarginPercent / 100), nginxMs + margins.upstreamMarginMinSeconds * 1000));
}

/**
 * Below the upstream's by at least max(1 s, 10 %), in whole seconds when that leaves at least 1 s,
 * else half the upstream's (0 when nothing sensible is lower: then no fix is offered).
 */
export function loweredProxyMs(upstreamMs: number, margins: FixMargins): number {
  const target = upstreamMs - Math.max(upstreamMs * (margins.proxyMarginPercent / 100), margins.proxyMarginMinSeconds * 1000);
  if (target >= 1000) return Math.floor(target / 1000) * 1000;
  return Math.floor(upstreamMs / 2);
}

export function raiseTomcatFix(analysis: Analysis, connector: ConnectorRef, nginxMs: number): Fix | undefined {
  const value = raisedUpstreamMs(nginxMs, analysis.settings.fix);
  const edits = setConnectorAttributeEdit(connector, 'keepAliveTimeout', String(value), analysis);
  if (!edits) return undefined;
  return { title: `Set Tomcat keepAliveTimeout to ${value} ms (longer than nginx's ${formatDuration(nginxMs)})`, isPreferred: true, edits };
}

export function lowerNginxFix(analysis: Analysis, link: Link, tomcatMs: number): Fix | undefined {
  const value = loweredProxyMs(tomcatMs, analysis.settings.fix);
  if (value <= 0) return undefined;
  const text = formatNginxTime(value);
  const timeout = link.upstream.keepaliveTimeout;
  const edit: TextEdit = timeout
    ? { ...locate(analysis, timeout.node.file.path, timeout.token), newText: text }
    : insertDirective(analysis, link.upstream.node, `keepalive_timeout ${text};`);
  return { title: `Lower nginx upstream keepalive_timeout to ${text} (shorter than Tomcat's ${formatDuration(tomcatMs)})`, isPreferred: false, edits: [{ file: edit.file, range: edit.range, newText: edit.newText }] };
}

/**
 * Inserts a directive on a new line in a block, after the `keepalive` line if there is one, else after
 * the block's last directive written in the same file, with the indentation its siblings use.
 */
function insertDirective(analysis: Analysis, block: ConfigNode, line: string): TextEdit {
  const file = block.file;
  // The block as written in its file (the include expansion keeps only what the model reads).
  const siblings = (block.directive.block?.children ?? []).filter((c) => c.name.value !== 'include');
  const anchor = siblings.find((c) => c.name.value === 'keepalive') ?? siblings[siblings.length - 1];
  const braceOffset = block.directive.block?.start ?? block.directive.end;
  const indent = anchor ? indentationOf(file.text, anchor.start) : indentationOf(file.text, block.directive.start) + '    ';
  const after = anchor ? anchor.end : braceOffset + 1;
  const lineEnd = endOfLine(file.text, after);
  const closeBrace = (block.directive.block?.end ?? 0) - 1;
  if (closeBrace >= after && closeBrace < lineEnd) {
    // The block closes on this very line (`upstream a { server x; }`): stay inside it.
    return { ...locate(analysis, file.path, { start: after, end: after }), newText: ` ${line}` };
  }
  const eol = file.text.includes('\r\n') ? '\r\n' : '\n';
  return { ...locate(analysis, file.path, { start: lineEnd, end: lineEnd }), newText: `${eol}${indent}${line}` };
}

function indentationOf(text: string, offset: number): string {
  let lineStart = offset;
  while (lineStart > 0 && text[lineStart - 1] !== '\n' && text[lineStart - 1] !== '\r') lineStart--;
  let end = lineStart;
  while (text[end] === ' ' || text[end] === '\t') end++;
  return text.slice(lineStart, end);
}

/** The end of the line holding `offset`, so that a trailing comment stays with its directive. */
function endOfLine(text: string, offset: number): number {
  let end = offset;
  while (end < text.length && text[end] !== '\n' && text[end] !== '\r') end++;
  return end;
}
