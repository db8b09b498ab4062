// Writes docs/checks/<id>.md from each check's docs section (run by `npm run build`), so that
// the pages diagnostics link to never drift from the code. `--check` fails instead of writing.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { allChecks } from '../core/checks';
import { renderCheckDocs } from '../core/checks/docs';
import { packageRoot } from '../node/packageInfo';

export function expectedDocs(): Map<string, string> {
  const dir = path.join(packageRoot(), 'docs', 'checks');
  const pages = new Map<string, string>();
  for (const check of allChecks) pages.set(path.join(dir, `${check.id}.md`), renderCheckDocs(check));
  const index = [
    '# Checks',
    '',
    '| id | what it finds |',
    '|---|---|',
    ...allChecks.map((c) => `| [${c.id}](${c.id}.md) | ${c.description} |`),
    '',
  ].join('\n');
  pages.set(path.join(dir, 'README.md'), index);
  return pages;
}

if (require.main === module) {
  const checkOnly = process.argv.includes('--check');
  let stale = 0;
  for (const [file, text] of expectedDocs()) {
    const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
    if (current === text) continue;
    stale++;
    if (checkOnly) console.error(`${path.relative(process.cwd(), file)} is out of date: run npm run build`);
    else {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, text);
    }
  }
  process.exitCode = checkOnly && stale > 0 ? 1 : 0;
}
