// SARIF 2.1.0: one run, one rule per check, one result per finding, regions 1-based (UTF-16 columns).
import { pathToFileURL } from 'node:url';
import type { AnalysisResult } from '../core/workspace';
import type { Location, Severity } from '../core/types';
import { allChecks } from '../core/checks';
import { renderCheckDocs } from '../core/checks/docs';
import { relativePaths } from './relativePaths';

const levels: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

export function sarifReport(result: AnalysisResult, toolVersion: string): string {
  const { analysis } = result;
  const relative = relativePaths(analysis);
  const ruleIndex = new Map<string, number>(allChecks.map((check, i) => [check.id, i]));
  const artifact = (location: Location) => ({
    physicalLocation: {
      artifactLocation: { uri: encodeURI(relative(location.file)), uriBaseId: 'SRCROOT' },
      region: {
        startLine: location.range.start.line + 1,
        startColumn: location.range.start.character + 1,
        endLine: location.range.end.line + 1,
        endColumn: location.range.end.character + 1,
      },
    },
  });
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'timeout-chain',
            version: toolVersion,
            rules: allChecks.map((check) => ({
              id: check.id,
              name: check.id,
              shortDescription: { text: check.description },
              fullDescription: { text: check.docs.finds },
              help: { text: `${check.docs.why}\n\nFix: ${check.docs.fix}`, markdown: renderCheckDocs(check) },
            })),
          },
        },
        originalUriBaseIds: { SRCROOT: { uri: pathToFileURL(analysis.rootDir + '/').href } },
        columnKind: 'utf16CodeUnits',
        results: result.findings.map((finding) => ({
          ruleId: finding.code,
          ruleIndex: ruleIndex.get(finding.code),
          level: levels[finding.severity],
          message: { text: finding.message },
          locations: [artifact(finding.location)],
          relatedLocations: finding.related.map((related, id) => ({
            id,
            message: { text: related.message },
            ...artifact(related.location),
          })),
          fixes: finding.fixes.map((fix) => ({
            description: { text: fix.title },
            artifactChanges: groupByFile(fix.edits).map(([file, edits]) => ({
              artifactLocation: { uri: encodeURI(relative(file)), uriBaseId: 'SRCROOT' },
              replacements: edits.map((edit) => ({
                deletedRegion: artifact({ file, range: edit.range }).physicalLocation.region,
                insertedContent: { text: edit.newText },
              })),
            })),
          })),
        })),
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}

function groupByFile<T extends { file: string }>(edits: T[]): [string, T[]][] {
  const groups = new Map<string, T[]>();
  for (const edit of edits) groups.set(edit.file, [...(groups.get(edit.file) ?? []), edit]);
  return [...groups];
}
