import * as path from 'node:path';
import type { Analysis } from './analysis';
import type { Location, Span } from './types';

export function locate(analysis: Analysis, file: string, span: Span): Location {
  const lines = analysis.lines(file);
  if (!lines) throw new Error(`no text for ${file}`); // every located file was read by the workspace
  return { file, range: lines.rangeOf(span) };
}

/** A path as messages show it: relative to the analysed folder, with forward slashes. */
export function relativePath(analysis: Analysis, file: string): string {
  const relative = path.relative(analysis.rootDir, file);
  return (relative.startsWith('..') || path.isAbsolute(relative) ? file : relative).split(path.sep).join('/');
}
