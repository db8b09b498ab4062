// A workspace held in memory, for tests: files by relative path under a fake root.
import * as path from 'node:path';
import { Workspace, type AnalysisResult, type WorkspaceHost } from '../../server/src/core/workspace';
import { readSettings } from '../../server/src/core/settings';
import { classify } from '../../server/src/node/scan';
import { segmentMatcher } from '../../server/src/node/glob';
import type { TextEdit } from '../../server/src/core/types';
import { LineIndex } from '../../server/src/core/text';
import { kindByName } from '../../server/src/node/fileKinds';
import { unreadableMark } from '../../server/src/core/checks/cases';
import type { Refusal } from '../../server/src/core/access';
import { parseSettingsFile, settingsFileName } from '../../server/src/core/settingsFile';

export const root = path.resolve('/workspace');

export function abs(relative: string): string {
  return path.join(root, relative);
}

function refusalOf(text: string | undefined): Refusal | undefined {
  return text?.startsWith(unreadableMark) ? (text.slice(unreadableMark.length) as Refusal) : undefined;
}

/** A host reading from a map of texts (absolute path -> text), which may change between analyses. */
export function memoryHost(texts: Map<string, string>): WorkspaceHost {
  return {
    readFile: (file: string) => (refusalOf(texts.get(file)) ? undefined : texts.get(file)),
    whyUnread: (file: string) => refusalOf(texts.get(file)),
    glob: (pattern: string) => {
      const parts = pattern.split('/');
      const matchers = parts.map((p) => segmentMatcher(p));
      return [...texts.keys()]
        .filter((file) => {
          const segments = file.split('/');
          return segments.length === parts.length && segments.every((s, i) => matchers[i](s));
        })
        .sort();
    },
  };
}

/**
 * Analyses files given by relative path. A `timeout-chain.json` among them is read as the CLI
 * reads it (its problems reported on it); `settings` are used as they are (they must be valid).
 */
export function analyzeFiles(files: Record<string, string>, settings?: unknown): AnalysisResult & { workspace: Workspace } {
  const texts = new Map(Object.entries(files).map(([rel, text]) => [abs(rel), text]));
  const host = memoryHost(texts);
  const read = readSettings(settings);
  if (read.errors.length > 0) throw new Error(read.errors.join('; '));
  const settingsText = files[settingsFileName];
  const settingsFile = settingsText === undefined ? undefined : parseSettingsFile(abs(settingsFileName), settingsText, read.settings);
  const workspace = new Workspace(root, host, settingsFile?.settings ?? read.settings, settingsFile);
  for (const [file, text] of texts) {
    const refusal = refusalOf(text);
    if (refusal) {
      if (kindByName(file)) workspace.setUnread(file, { refusal, folder: false });
      continue;
    }
    const kind = classify(file, text);
    if (kind) workspace.setFile(file, kind, text);
  }
  return { ...workspace.analyze(), workspace };
}

/** Applies edits (all to one text) from last to first so earlier offsets stay valid. */
export function applyEdits(text: string, edits: Pick<TextEdit, 'range' | 'newText'>[]): string {
  const lines = new LineIndex(text);
  const sorted = edits
    .map((e) => ({ start: lines.offsetAt(e.range.start), end: lines.offsetAt(e.range.end), newText: e.newText }))
    .sort((a, b) => b.start - a.start);
  let result = text;
  for (const e of sorted) result = result.slice(0, e.start) + e.newText + result.slice(e.end);
  return result;
}
