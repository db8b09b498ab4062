import * as path from 'node:path';
import { Workspace, type AnalysisResult } from '../core/workspace';
import type { AnalysisSettings } from '../core/settings';
import type { SettingsFile } from '../core/settingsFile';
import { ReadBoundary } from './boundary';
import { diskHost, scanFolder } from './scan';
import { kindByName, kindOfText, unreadIsReported } from './fileKinds';
import { readTextOrWhy } from './readText';
import { readSettingsFile } from './settingsFile';

/** A workspace over a folder on disk that reads nothing outside it (the CLI's and the language server's). */
export function diskWorkspace(
  rootDir: string,
  settings: AnalysisSettings,
  settingsFile?: SettingsFile,
): { workspace: Workspace; boundary: ReadBoundary } {
  // The boundary maps absolute link targets with the prefix map the workspace uses at the time
  // (the deployment files' placements under the setting).
  const boundary = new ReadBoundary(rootDir, () => workspace.deployedPrefixMap());
  const workspace: Workspace = new Workspace(rootDir, diskHost(boundary), settings, settingsFile);
  return { workspace, boundary };
}

/** Reads every configuration file of a folder into its workspace, and what cannot be read as such. */
export async function scanInto(
  workspace: Workspace,
  boundary: ReadBoundary,
  exclude: readonly string[],
  onFile: (file: string) => void = () => {},
): Promise<number> {
  return scanFolder(
    boundary,
    exclude,
    (file) => {
      workspace.setFile(file.path, file.kind, file.text);
      onFile(file.path);
    },
    (entry) => workspace.setUnread(entry.path, { refusal: entry.refusal, folder: entry.folder }),
  );
}

/**
 * Reads one file of the folder again after it changed on disk, by the scan's rules: through the
 * boundary, a link to a file inside left to that file, a configuration file that cannot be read
 * said as such.
 */
export function rereadInto(workspace: Workspace, boundary: ReadBoundary, file: string): void {
  const drop = () => {
    if (workspace.has(file)) workspace.setFile(file, 'nginx', undefined);
  };
  const byName = kindByName(file);
  const resolved = boundary.resolve(file);
  const read = !('real' in resolved) ? resolved : resolved.real === file ? readTextOrWhy(file) : undefined;
  workspace.setUnread(file, undefined);
  if (read === undefined) return drop(); // a link to a file inside: that file stands for it
  if (typeof read !== 'string') {
    drop();
    if (unreadIsReported(file, byName) && read.refused !== 'missing' && read.refused !== 'not-a-file')
      workspace.setUnread(file, { refusal: read.refused, folder: false });
    return;
  }
  const kind = kindOfText(file, byName, read);
  if (typeof kind === 'string') return workspace.setFile(file, kind, read);
  drop();
  if (kind) workspace.setUnread(file, { refusal: kind.refused, folder: false });
}

export interface FolderResult extends AnalysisResult {
  /** The settings file, when there is one (the CLI stops when it is not valid JSON). */
  settingsFile?: SettingsFile;
}

/** The whole job of the CLI: read a folder from disk and analyse it. */
export async function analyzeFolder(dir: string, overrides: { nginxVersion?: string } = {}): Promise<FolderResult> {
  const rootDir = path.resolve(dir);
  const { settings, errors, file } = readSettingsFile(rootDir);
  const effective = overrides.nginxVersion ? { ...settings, nginxVersion: overrides.nginxVersion } : settings;
  const { workspace, boundary } = diskWorkspace(rootDir, effective, file);
  await scanInto(workspace, boundary, effective.exclude);
  const result = workspace.analyze();
  return { ...result, settingsErrors: [...errors, ...result.settingsErrors], settingsFile: file };
}
