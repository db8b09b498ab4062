// Path containment, as the read boundary and include resolution need it.
import * as path from 'node:path';

/** Whether `file` is `folder` or lies under it, comparing paths as written (no links followed). */
export function isInside(file: string, folder: string): boolean {
  // The common case, checked for every include: a normalized path that starts with the folder.
  if (
    file.startsWith(folder) &&
    (file.length === folder.length || file[folder.length] === path.sep || folder.endsWith(path.sep)) &&
    !file.includes(`${path.sep}.`)
  )
    return true;
  const relative = path.relative(folder, file);
  return relative === '' || (!path.isAbsolute(relative) && relative !== '..' && !relative.startsWith('..' + path.sep));
}
