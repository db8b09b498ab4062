// What the CLI prints: text for people, JSON for scripts, SARIF 2.1.0 for code-scanning tools.
import * as path from 'node:path';
import type { AnalysisResult } from '../core/workspace';
import type { Finding, Location } from '../core/types';
import { describeUpstreamServer, linkSummaries, reusedUnlinkedServers } from '../core/link';
import { fastcgiLinkSummaries } from '../core/linkFastcgi';
import type { NginxVersion } from '../core/nginx/version';
import { endpointWords } from '../core/backends/kind';
import { relativePaths } from './relativePaths';

export function textReport(result: AnalysisResult, cwd: string): string {
  // Relative to where the user stands, each file once (findings repeat files).
  const fromCwd = new Map<string, string>();
  const where = (location: Location) => {
    let file = fromCwd.get(location.file);
    if (file === undefined) fromCwd.set(location.file, (file = path.relative(cwd, location.file) || location.file));
    return `${file}:${location.range.start.line + 1}:${location.range.start.character + 1}`;
  };
  const out: string[] = [];
  for (const finding of result.findings) {
    out.push(`${where(finding.location)}: ${finding.severity} [${finding.code}] ${finding.message}`);
    for (const related of finding.related) out.push(`    ${where(related.location)}: ${related.message}`);
    for (const fix of finding.fixes) out.push(`    fix${fix.isPreferred ? ' (preferred)' : ''}: ${fix.title}`);
  }
  const { analysis } = result;
  const links = linkSummaries(result.analysis.links);
  if (out.length > 0) out.push('');
  out.push(
    `Read ${[plural(analysis.nginxFiles.length, 'nginx file'), ...backendCounts(analysis.backends)].join(' and ')} under ${path.relative(cwd, analysis.rootDir) || '.'}.`,
  );
  for (const version of deploymentVersions(analysis)) out.push(`nginx version ${version.label}, from ${version.source}.`);
  out.push(
    links.length === 0
      ? `Linked no nginx upstream to a ${endpointWords(analysis.backends)}.`
      : `Linked ${plural(links.length, 'upstream server')}:`,
  );
  for (const link of links) out.push(`    ${link.upstream} -> ${link.connector} (${link.how})`);
  const fastcgi = fastcgiLinkSummaries(analysis.fastcgiLinks ?? []);
  if (fastcgi.length > 0) out.push(`Linked ${plural(fastcgi.length, 'fastcgi_pass route')}:`, ...fastcgi.map((line) => `    ${line}`));
  const unlinked = unlinkedSummaries(analysis);
  if (unlinked.length > 0) {
    out.push(`Not linked, though nginx reuses connections to them (notes: their idle timeouts are not checked):`);
    for (const server of unlinked) out.push(`    ${server}`);
  }
  const counts = countBySeverity(result.findings);
  out.push(
    result.findings.length === 0
      ? 'No problems found.'
      : `${plural(counts.error, 'error')}, ${plural(counts.warning, 'warning')}, ${plural(counts.info + counts.hint, 'note')}.`,
  );
  for (const error of [...result.settingsErrors, ...result.internalErrors]) out.push(`timeout-chain: ${error}`);
  return out.join('\n') + '\n';
}

/** The nginx versions the deployment files gave (each once), when no setting did. */
function deploymentVersions(analysis: AnalysisResult['analysis']): NginxVersion[] {
  const versions = [analysis.nginxVersion, ...(analysis.configVersions?.values() ?? [])].filter((v) => v.source !== undefined);
  return versions.filter((v, i) => versions.findIndex((w) => w.label === v.label && w.source === v.source) === i);
}

export function jsonReport(result: AnalysisResult): string {
  const { analysis } = result;
  const relative = relativePaths(analysis);
  const jsonLocation = (location: Location) => ({ file: relative(location.file), range: location.range });
  return (
    JSON.stringify(
      {
        root: analysis.rootDir,
        nginxVersion: analysis.nginxVersion.label,
        // By kind: `nginx`, then each backend kind's id (`tomcat`).
        files: {
          nginx: analysis.nginxFiles.map((f) => relative(f.path)),
          ...Object.fromEntries(analysis.backends.map((b) => [b.kind, b.files.map((f) => relative(f.path))])),
        },
        links: linkSummaries(result.analysis.links),
        // Upstream servers nginx reuses connections to that no link reaches (unlinked-upstream notes).
        unlinked: unlinkedSummaries(analysis),
        findings: result.findings.map((f) => ({
          ...f,
          location: jsonLocation(f.location),
          related: f.related.map((r) => ({ ...r, location: jsonLocation(r.location) })),
          fixes: f.fixes.map((fix) => ({
            ...fix,
            ...(fix.createsFiles && { createsFiles: fix.createsFiles.map(relative) }),
            edits: fix.edits.map((e) => ({ ...e, file: relative(e.file) })),
          })),
        })),
        errors: [...result.settingsErrors, ...result.internalErrors],
      },
      null,
      2,
    ) + '\n'
  );
}

/** `upstream api, server api:3000` for each reused upstream server no link reaches. */
function unlinkedSummaries(analysis: AnalysisResult['analysis']): string[] {
  return reusedUnlinkedServers(analysis).map(({ upstream, server }) => describeUpstreamServer(upstream, server));
}

export function countBySeverity(findings: Finding[]): Record<Finding['severity'], number> {
  const counts = { error: 0, warning: 0, info: 0, hint: 0 };
  for (const f of findings) counts[f.severity]++;
  return counts;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : word.endsWith('s') ? 'es' : 's'}`;
}

/** `1 Tomcat server.xml`, for each kind that has files; `no backend configuration` when none has. */
function backendCounts(backends: { files: unknown[]; filesNoun: string }[]): string[] {
  const found = backends.filter((b) => b.files.length > 0);
  return found.length > 0 ? found.map((b) => plural(b.files.length, b.filesNoun)) : ['no backend configuration'];
}
