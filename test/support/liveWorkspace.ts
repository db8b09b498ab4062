// A workspace whose texts change between analyses, as the language server's does, and what its
// findings say, for comparing a kept analysis with a fresh one.
import { Workspace, type AnalysisResult } from '../../server/src/core/workspace';
import type { Range } from '../../server/src/core/types';
import { readSettings } from '../../server/src/core/settings';
import { classify } from '../../server/src/node/scan';
import { abs, memoryHost, root } from './memoryWorkspace';

/** Files by path relative to the memory workspace's root; `put` changes, adds (or with undefined, deletes) one. */
export function liveWorkspace(files: Record<string, string>) {
  const texts = new Map(Object.entries(files).map(([rel, text]) => [abs(rel), text]));
  const workspace = new Workspace(root, memoryHost(texts), readSettings(undefined).settings);
  const put = (rel: string, text: string | undefined) => {
    const file = abs(rel);
    const existed = texts.has(file);
    if (text === undefined) texts.delete(file);
    else texts.set(file, text);
    const kind = text === undefined ? undefined : classify(file, text);
    if (kind) workspace.setFile(file, kind, text);
    else workspace.setFile(file, 'nginx', undefined);
    workspace.invalidate(file, text === undefined || !existed);
  };
  for (const [rel, text] of Object.entries(files)) put(rel, text);
  return { workspace, put, current: () => Object.fromEntries([...texts].map(([f, t]) => [f.slice(root.length + 1), t])) };
}

const at = (file: string, range: Range) => `${file}:${range.start.line}:${range.start.character}-${range.end.line}:${range.end.character}`;

/** Everything a finding says, with every range it points at (nodes kept across parses must not point at old places). */
export function summary(result: AnalysisResult): string[] {
  return result.findings
    .map(
      (f) =>
        `${at(f.location.file, f.location.range)} ${f.severity} [${f.code}] ${f.message} | ${f.related.map((r) => `${at(r.location.file, r.location.range)} ${r.message}`).join(',')} | ${f.fixes.map((x) => `${x.title}: ${x.edits.map((e) => `${at(e.file, e.range)}=${e.newText}`).join(';')}`).join(' / ')}`,
    )
    .sort();
}
