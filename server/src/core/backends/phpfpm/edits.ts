// Setting request_terminate_timeout the way a person would: the value changed where it is
// written, in whole seconds, keeping the `s` unit when the value had one.
import type { TextEdit } from '../../types';
import { editAt, type Locator } from '../endpoint';
import type { Setting } from './pools';

export function setTimeEdits(setting: Setting, ms: number, locate: Locator): TextEdit[] | undefined {
  const seconds = Math.ceil(ms / 1000);
  if (!Number.isFinite(seconds) || seconds <= 0 || seconds > 2_147_483_647) return undefined; // php-fpm reads an int
  const bare = /^\s*\d+\s*$/.test(setting.entry.value);
  return editAt(locate(setting.file.path, setting.entry.valueSpan), bare ? String(seconds) : `${seconds}s`);
}
