// The workspaces whose quick fixes the referees judge, and the fixes themselves: each fix the
// product's own analysis offers, applied to a copy of its workspace's files.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createHash } from 'node:crypto';
import { Workspace } from '../../server/src/core/workspace';
import { defaultSettings, readSettings, type AnalysisSettings } from '../../server/src/core/settings';
import { classify } from '../../server/src/node/scan';
import { caseTables } from '../../server/src/core/checks/allCases';
import type { Finding, Fix, TextEdit } from '../../server/src/core/types';
import { abs, applyEdits, memoryHost, root } from '../support/memoryWorkspace';
import { settingsFileName } from '../../server/src/core/settingsFile';

export type Files = Record<string, string>;

export interface Fixture {
  /** Where it comes from and which one: `table keepalive-lost: ...`, `corpus nginx/...`, `generated 17`. */
  name: string;
  source: 'table' | 'corpus' | 'generated';
  files: Files;
  settings: AnalysisSettings;
}

export interface OfferedFix {
  fixture: Fixture;
  finding: Finding;
  fix: Fix;
  /** The fixture's files with the fix applied. */
  fixed: Files;
  /** Relative paths the fix edits. */
  edited: string[];
}

/** Analyses files held in memory under the test root, with settings given as an object (any margins). */
export function analyze(files: Files, settings: AnalysisSettings): Finding[] {
  const texts = new Map(Object.entries(files).map(([rel, text]) => [abs(rel), text]));
  const workspace = new Workspace(root, memoryHost(texts), settings);
  for (const [file, text] of texts) {
    const kind = classify(file, text);
    if (kind) workspace.setFile(file, kind, text);
  }
  const result = workspace.analyze();
  if (result.internalErrors.length > 0) throw new Error(`internal errors: ${result.internalErrors.join('; ')}`);
  return result.findings;
}

export function settingsOf(raw: unknown): AnalysisSettings {
  const read = readSettings(raw);
  if (read.errors.length > 0) throw new Error(read.errors.join('; '));
  return read.settings;
}

/** Every invalid case of every check table. */
export function tableFixtures(): Fixture[] {
  const fixtures: Fixture[] = [];
  for (const [id, table] of Object.entries(caseTables)) {
    for (const c of table.invalid)
      fixtures.push({ name: `table ${id}: ${c.name}`, source: 'table', files: c.files, settings: settingsOf(c.settings) });
  }
  return fixtures;
}

/** `Tomcat` when a path is server.xml or catalina.properties, else nginx. */
export function isTomcatFile(rel: string): boolean {
  return /(^|\/)(server\.xml|catalina\.properties)$/.test(rel);
}

export function applyFix(files: Files, fix: Fix): { fixed: Files; edited: string[] } {
  const byFile = new Map<string, TextEdit[]>();
  for (const edit of fix.edits) {
    const rel = path.relative(root, edit.file).split(path.sep).join('/');
    if (!(rel in files)) throw new Error(`fix "${fix.title}" edits ${rel}, which the workspace does not have`);
    byFile.set(rel, [...(byFile.get(rel) ?? []), edit]);
  }
  const fixed = { ...files };
  for (const [rel, edits] of byFile) fixed[rel] = applyEdits(files[rel], edits);
  return { fixed, edited: [...byFile.keys()] };
}

/**
 * Every fix offered on the fixtures, once: a fix is the same one when it turns the same files
 * into the same text under the same settings (a race's fix is offered on both of its findings).
 */
export function offeredFixes(fixtures: Fixture[]): OfferedFix[] {
  const seen = new Set<string>();
  const offered: OfferedFix[] = [];
  for (const fixture of fixtures) {
    for (const finding of analyze(fixture.files, fixture.settings)) {
      for (const fix of finding.fixes) {
        // A link added to timeout-chain.json is no nginx or Tomcat edit: no referee judges it (and
        // these fixtures pass settings as objects, never as that file). test/core/unlinked-upstream.test.ts reads such edits back.
        if (fix.edits.every((edit) => path.basename(edit.file) === settingsFileName)) continue;
        const { fixed, edited } = applyFix(fixture.files, fix);
        const key = hash(JSON.stringify([fixture.settings, fixture.files, edited.map((rel) => [rel, fixed[rel]])]));
        if (seen.has(key)) continue;
        seen.add(key);
        offered.push({ fixture, finding, fix, fixed, edited });
      }
    }
  }
  return offered;
}

function hash(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export function defaultSettingsWith(fix: Partial<AnalysisSettings['fix']>, nginxVersion?: string): AnalysisSettings {
  return { ...defaultSettings, nginxVersion, fix: { ...defaultSettings.fix, ...fix } };
}

export function readCorpusText(corpus: string, rel: string): string {
  return fs.readFileSync(path.join(corpus, rel), 'latin1');
}
