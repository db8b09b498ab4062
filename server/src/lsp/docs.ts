import * as path from 'node:path';
import { packageRoot } from '../node/packageInfo';
import { toUri } from './convert';

const docsDir = path.join(packageRoot(), 'docs', 'checks');

/** Each check's docs page ships with the extension, so the link works offline. */
export function docsUri(code: string): string {
  return toUri(path.join(docsDir, `${code}.md`));
}
