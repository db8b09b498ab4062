// One fuzz input through the CLI's pipeline, in memory: settings, exclusion, classification, the
// full analysis; then every quick fix of every finding applied and the workspace analysed again.
// The properties: nothing throws, no internal errors, every range (findings, related locations,
// fix edits) lies inside its file, fix edits do not overlap and write no NaN/Infinity/undefined.
import { Workspace, type AnalysisResult } from '../../server/src/core/workspace';
import { defaultSettings } from '../../server/src/core/settings';
import { parseSettingsFile } from '../../server/src/core/settingsFile';
import type { FileKind } from '../../server/src/core/classify';
import type { Fix, Range } from '../../server/src/core/types';
import { classify } from '../../server/src/node/scan';
import { walkExcludeTest } from '../../server/src/node/exclude';
import { abs, applyEdits, memoryHost, root } from '../support/memoryWorkspace';
import { settingsFile, sizeOf, type FuzzInput } from './input';
import { LineLengths } from './ranges';

export interface Failure {
  /** Where it went wrong: settings, exclude, setFile, analyze, internal-error, range, fix-edit, fix-text, fix-analyze... */
  stage: string;
  message: string;
}

export interface Outcome {
  failure?: Failure;
  /** Milliseconds of the first analysis (settings to findings), the figure ms/KB is made of. */
  ms: number;
  size: number;
  fixesApplied: number;
}

/** Called before each analysis with the input's size: the watchdog times each analysis on its own. */
export type Beat = (size: number) => void;

/** Quick fixes tried per input: a file of thousands of findings would otherwise cost thousands of analyses. */
const maxFixes = 32;
/** Numbers a fix must never write. */
const badFixText = /NaN|Infinity|undefined|\[object /;

class Stop extends Error {
  constructor(readonly failure: Failure) {
    super(failure.message);
  }
}

function thrown(stage: string, error: unknown): Stop {
  const message = error instanceof Error ? (error.stack ?? error.message).split('\n').slice(0, 8).join('\n') : String(error);
  return new Stop({ stage, message });
}

function attempt<T>(stage: string, task: () => T): T {
  try {
    return task();
  } catch (error) {
    throw error instanceof Stop ? error : thrown(stage, error);
  }
}

/** The files scanFolder would hand over: each folder and the file itself tested against the exclusions. */
function scanned(files: string[], exclude: readonly string[]): string[] {
  const excluded = walkExcludeTest(exclude);
  return files.filter((file) => {
    const segments = file.split('/');
    return segments.every((_, i) => !excluded(segments.slice(0, i + 1).join('/')));
  });
}

export function runInput(input: FuzzInput, beat: Beat = () => {}): Outcome {
  const size = sizeOf(input);
  const outcome: Outcome = { ms: 0, size, fixesApplied: 0 };
  try {
    beat(size);
    const start = performance.now();
    const texts = new Map(Object.entries(input.files).map(([rel, text]) => [abs(rel), text]));
    // As readSettingsFile does it. The CLI stops on a file that is not JSON; the server goes on with the defaults, as here.
    const settingsText = input.files[settingsFile];
    const parsedSettings = attempt('settings', () =>
      settingsText === undefined ? undefined : parseSettingsFile(abs(settingsFile), settingsText),
    );
    const settings = parsedSettings?.settings ?? defaultSettings;
    const files = attempt('exclude', () => scanned(Object.keys(input.files).sort(), settings.exclude));
    const workspace = new Workspace(root, memoryHost(texts), settings, parsedSettings);
    const kinds = new Map<string, FileKind>();
    attempt('setFile', () => {
      for (const rel of files) {
        const kind = classify(abs(rel), input.files[rel]);
        if (kind) kinds.set(abs(rel), kind);
        if (kind) workspace.setFile(abs(rel), kind, input.files[rel]);
      }
    });
    const result = attempt('analyze', () => workspace.analyze());
    outcome.ms = performance.now() - start;
    checkResult(result, texts, 'analyze');
    for (const fix of distinctFixes(result)) {
      checkFix(fix, texts);
      const edited = editedTexts(fix, texts);
      const originals = new Map([...edited.keys()].map((file) => [file, texts.get(file) ?? ''] as const));
      const put = (file: string, text: string, restoring = false) => {
        if (file === abs(settingsFile)) {
          // As the front ends do when timeout-chain.json changes (a fix may write or create it): read the settings again.
          const parsed = restoring ? parsedSettings : parseSettingsFile(file, text);
          workspace.setSettings(parsed?.settings ?? defaultSettings, parsed);
          if (restoring && settingsText === undefined) texts.delete(file);
          else texts.set(file, text);
          return;
        }
        const kind = kinds.get(file);
        if (kind) workspace.setFile(file, kind, text);
        else {
          texts.set(file, text);
          workspace.invalidate(file, false);
        }
      };
      for (const [file, text] of edited) put(file, text);
      beat(size);
      const again = attempt('fix-analyze', () => workspace.analyze());
      checkResult(again, new Map([...texts, ...edited]), 'fix-analyze');
      for (const [file, text] of originals) put(file, text, true);
      outcome.fixesApplied++;
    }
  } catch (error) {
    outcome.failure = error instanceof Stop ? error.failure : thrown('harness', error).failure;
  }
  return outcome;
}

function checkResult(result: AnalysisResult, texts: Map<string, string>, stage: string): void {
  if (result.internalErrors.length > 0)
    throw new Stop({ stage: `${stage}: internal-error`, message: result.internalErrors.join('\n').split('\n').slice(0, 8).join('\n') });
  const lines = new Map<string, LineLengths>();
  const inside = (file: string, range: Range, what: string, code: string) => {
    const text = texts.get(file);
    if (text === undefined)
      throw new Stop({ stage: `${stage}: range`, message: `${code} in a file not in the workspace\n${what}: ${file}` });
    let index = lines.get(file);
    if (!index) lines.set(file, (index = new LineLengths(text)));
    const why = index.outside(range);
    // The first line names the check and the reason only, so that one bug is one group of failures.
    if (why)
      throw new Stop({
        stage: `${stage}: range`,
        message: `${code} range outside its file: ${why}\n${what} at ${range.start.line}:${range.start.character}-${range.end.line}:${range.end.character} in ${file}`,
      });
  };
  for (const finding of result.findings) {
    const what = `${finding.code} finding "${finding.message.slice(0, 200)}"`;
    inside(finding.location.file, finding.location.range, what, finding.code);
    for (const related of finding.related)
      inside(related.location.file, related.location.range, `related location of ${what}`, `${finding.code} related location`);
    for (const fix of finding.fixes) {
      for (const file of fix.createsFiles ?? [])
        if (texts.has(file)) throw new Stop({ stage: `${stage}: fix-create`, message: `fix "${fix.title}" creates ${file}, which exists` });
      for (const edit of fix.edits) {
        const where = `edit of fix "${fix.title}" of ${what}`;
        // A file the fix creates starts empty: its edits write at its start.
        if (fix.createsFiles?.includes(edit.file)) {
          const { start, end } = edit.range;
          if (start.line !== 0 || start.character !== 0 || end.line !== 0 || end.character !== 0)
            throw new Stop({
              stage: `${stage}: range`,
              message: `${finding.code} fix edit not at the start of the file it creates\n${where}`,
            });
        } else inside(edit.file, edit.range, where, `${finding.code} fix edit`);
      }
    }
  }
}

function distinctFixes(result: AnalysisResult): Fix[] {
  const seen = new Map<string, Fix>();
  for (const finding of result.findings) {
    for (const fix of finding.fixes) {
      if (seen.size >= maxFixes) return [...seen.values()];
      const key = JSON.stringify(fix.edits);
      if (!seen.has(key)) seen.set(key, fix);
    }
  }
  return [...seen.values()];
}

/** Edits of one fix must not overlap (LSP clients reject such a WorkspaceEdit) nor write non-numbers. */
function checkFix(fix: Fix, texts: Map<string, string>): void {
  for (const edit of fix.edits) {
    if (badFixText.test(edit.newText))
      throw new Stop({ stage: 'fix-text', message: `fix "${fix.title}" writes ${JSON.stringify(edit.newText.slice(0, 200))}` });
  }
  const byFile = new Map<string, Range[]>();
  for (const edit of fix.edits) byFile.set(edit.file, [...(byFile.get(edit.file) ?? []), edit.range]);
  for (const [file, ranges] of byFile) {
    const before = (a: Range['start'], b: Range['start']) => a.line < b.line || (a.line === b.line && a.character < b.character);
    const sorted = [...ranges].sort((a, b) => (before(a.start, b.start) ? -1 : before(b.start, a.start) ? 1 : 0));
    for (let i = 1; i < sorted.length; i++) {
      if (before(sorted[i].start, sorted[i - 1].end))
        throw new Stop({
          stage: 'fix-edit',
          message: `fix "${fix.title}" has overlapping edits in ${file} (${texts.has(file) ? 'known' : 'unknown'} file)`,
        });
    }
  }
}

function editedTexts(fix: Fix, texts: Map<string, string>): Map<string, string> {
  const edited = new Map<string, string>();
  for (const file of new Set(fix.edits.map((e) => e.file))) {
    edited.set(
      file,
      applyEdits(
        texts.get(file) ?? '',
        fix.edits.filter((e) => e.file === file),
      ),
    );
  }
  return edited;
}
