import * as path from 'node:path';
import { defaultSettings, readSettings, type AnalysisSettings } from '../core/settings';
import { readText } from './scan';

export const settingsFileName = 'timeout-chain.json';

/** Settings from `timeout-chain.json` at the folder's root over the defaults (absent file: defaults). */
export function readSettingsFile(rootDir: string): { settings: AnalysisSettings; errors: string[] } {
  const file = path.join(rootDir, settingsFileName);
  const text = readText(file);
  if (text === undefined) return { settings: defaultSettings, errors: [] };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return { settings: defaultSettings, errors: [`${file}: not valid JSON (${(error as Error).message}); using defaults`] };
  }
  const read = readSettings(raw);
  return { settings: read.settings, errors: read.errors.map((e) => `${file}: ${e}`) };
}
