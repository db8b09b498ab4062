import * as path from 'node:path';
import { Workspace, type AnalysisResult } from '../core/workspace';
import { diskHost, scanFolder } from './scan';
import { readSettingsFile } from './settingsFile';

/** The whole job of the CLI: read a folder from disk and analyse it. */
export async function analyzeFolder(dir: string, overrides: { nginxVersion?: string } = {}): Promise<AnalysisResult> {
  const rootDir = path.resolve(dir);
  const { settings, errors } = readSettingsFile(rootDir);
  const effective = overrides.nginxVersion ? { ...settings, nginxVersion: overrides.nginxVersion } : settings;
  const workspace = new Workspace(rootDir, diskHost, effective);
  await scanFolder(rootDir, effective.exclude, (file) => workspace.setFile(file.path, file.kind, file.text));
  const result = workspace.analyze();
  return { ...result, settingsErrors: [...errors, ...result.settingsErrors] };
}
