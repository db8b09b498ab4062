import * as path from 'node:path';
import { defaultSettings, type AnalysisSettings } from '../core/settings';
import { parseSettingsFile, settingsFileName, type SettingsFile } from '../core/settingsFile';
import { ReadBoundary } from './boundary';
import { readWithin } from './scan';

export { settingsFileName } from '../core/settingsFile';

/**
 * Settings from `timeout-chain.json` at the folder's root over the defaults (absent file: defaults),
 * with the file itself when there is one: its problems are reported on it. `errors`: what cannot
 * be said on the file (it exists but cannot be read).
 */
export function readSettingsFile(rootDir: string): { settings: AnalysisSettings; errors: string[]; file?: SettingsFile } {
  const file = path.join(rootDir, settingsFileName);
  const read = readWithin(new ReadBoundary(rootDir), file);
  if (typeof read !== 'string') {
    const errors =
      read.refused === 'missing'
        ? []
        : [`${file}: ${read.refused === 'outside' ? 'a link to outside the workspace' : 'cannot be read'}; using the default settings`];
    return { settings: defaultSettings, errors };
  }
  const parsed = parseSettingsFile(file, read);
  return { settings: parsed.settings, errors: [], file: parsed };
}
