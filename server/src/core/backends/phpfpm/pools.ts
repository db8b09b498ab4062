// php-fpm's pools as it builds them: one configuration read in order (php-fpm.conf, then the
// files its `include=` globs name, sorted), `[name]` sections merged by name without case
// (fpm_conf_ini_parser_section brings an earlier pool back), a later value replacing an earlier
// one, and a file without a section header continuing the section the file before it left open.
import * as path from 'node:path';
import type { IniEntry, IniSection, PhpFpmFile } from './ini';
import { isPoolText } from './ini';

/** A pool with the entries that decide what this tool reads of it (the last of each). */
export interface Pool {
  name: string;
  /** Where it is first declared: the endpoint's file and underline. */
  file: PhpFpmFile;
  section: IniSection;
  listen?: Setting;
  requestTerminateTimeout?: Setting;
  /** `php_admin_value[max_execution_time]` (or php_value), which PHP applies to the pool's scripts. */
  maxExecutionTime?: Setting;
}

export interface Setting {
  file: PhpFpmFile;
  entry: IniEntry;
}

const mainName = 'php-fpm.conf';

/** php-fpm.conf first, then the rest by path, as glob() sorts an include's matches. */
export function configOrder(files: PhpFpmFile[]): PhpFpmFile[] {
  const rank = (f: PhpFpmFile) => (path.basename(f.path) === mainName ? 0 : 1);
  return [...files].sort((a, b) => rank(a) - rank(b) || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/**
 * The files read with `file`, whether they exist or not: its php-fpm.conf (beside it or one
 * folder up, as `/etc/php/8.2/fpm/` holds `php-fpm.conf` and `pool.d/`) with what its includes
 * name, else the pool files beside it. An include's absolute path (`/usr/local/etc/php-fpm.d/*.conf`)
 * is taken relative to php-fpm.conf's folder by its last folder name, as repositories keep it.
 */
export function configMembers(
  file: PhpFpmFile,
  read: (file: string) => PhpFpmFile | undefined,
  registeredUnder: (dir: string) => string[],
): string[] {
  const dir = path.dirname(file.path);
  const candidates =
    path.basename(file.path) === mainName ? [file.path] : [path.join(dir, mainName), path.join(path.dirname(dir), mainName)];
  const asked: string[] = [];
  for (const candidate of candidates) {
    if (candidate !== file.path) asked.push(candidate);
    const main = candidate === file.path ? file : read(candidate);
    if (!main) continue;
    const included = includedFiles(main, registeredUnder);
    if (candidate === file.path || included.includes(file.path))
      return [...asked, ...included.filter((f) => f !== file.path && f !== candidate)];
  }
  const siblings = directChildren(dir, registeredUnder(dir)).filter((f) => f !== file.path && f.endsWith('.conf'));
  return [...asked, ...siblings.filter((f) => isPoolText(read(f)?.text ?? ''))];
}

function includedFiles(main: PhpFpmFile, registeredUnder: (dir: string) => string[]): string[] {
  const found: string[] = [];
  for (const item of main.items) {
    if (item.kind !== 'entry' || item.key !== 'include') continue;
    const pattern = item.value.replace(/\\/g, '/');
    const folder = path.join(path.dirname(main.path), path.posix.basename(path.posix.dirname(pattern)));
    const name = globPattern(path.posix.basename(pattern));
    for (const f of directChildren(folder, registeredUnder(folder))) if (name.test(path.basename(f)) && !found.includes(f)) found.push(f);
  }
  return found.sort();
}

/** A file name glob (`*.conf`, `www?.conf`) as an expression; brackets are taken literally. */
function globPattern(glob: string): RegExp {
  const escaped = glob
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '[^/]*')
    .replace(/\?/g, '[^/]');
  return new RegExp(`^${escaped}$`);
}

function directChildren(dir: string, files: string[]): string[] {
  return files.filter((f) => path.dirname(f) === dir);
}

/** The pools first declared in `file`, read through the whole configuration in order. */
export function poolsDeclaredIn(file: PhpFpmFile, ordered: PhpFpmFile[]): Pool[] {
  const pools = new Map<string, Pool>();
  let current: Pool | undefined;
  for (const member of ordered) {
    for (const item of member.items) {
      if (item.kind === 'section') {
        const key = item.name.toLowerCase();
        if (key === 'global') current = undefined;
        else {
          current = pools.get(key);
          if (!current) pools.set(key, (current = { name: item.name, file: member, section: item }));
        }
        continue;
      }
      if (!current) continue; // [global]: pool options there are php-fpm's "unknown entry"
      const setting = { file: member, entry: item };
      const key = item.key.toLowerCase();
      if (key === 'listen' && item.subkey === undefined) current.listen = setting;
      else if (key === 'request_terminate_timeout' && item.subkey === undefined) current.requestTerminateTimeout = setting;
      else if ((key === 'php_admin_value' || key === 'php_value') && item.subkey?.toLowerCase() === 'max_execution_time') {
        // An admin value cannot be changed by a later php_value (PHP_INI_STAGE_ACTIVATE keeps it).
        if (key === 'php_admin_value' || current.maxExecutionTime?.entry.key.toLowerCase() !== 'php_admin_value')
          current.maxExecutionTime = setting;
      }
    }
  }
  return [...pools.values()].filter((pool) => pool.file === file);
}
