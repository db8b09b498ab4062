// Packs the .vsix (`node scripts/package.mjs [OUT]`, after a build) from a staging copy whose
// README carries its pictures inline as data: PNGs: VS Code shows an installed .vsix's README
// with no base for relative links, so its docs/images/ pictures would be broken there, while the
// repository's README keeps relative links for GitHub and other readers.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.resolve(process.argv[2] ?? path.join(root, 'timeout-chain.vsix'));
const vsce = path.join(root, 'node_modules', '@vscode', 'vsce', 'vsce');
const run = (args, cwd, stdio = 'pipe') => execFileSync(process.execPath, [vsce, ...args], { cwd, stdio });

// What .vscodeignore lets into the package, as vsce itself lists it.
const files = run(['ls', '--no-dependencies'], root).toString().split('\n').filter(Boolean);
const stage = fs.mkdtempSync(path.join(os.tmpdir(), 'timeout-chain-vsix-'));
try {
  for (const file of [...files, '.vscodeignore']) {
    fs.mkdirSync(path.dirname(path.join(stage, file)), { recursive: true });
    fs.copyFileSync(path.join(root, file), path.join(stage, file));
  }
  const readme = fs
    .readFileSync(path.join(root, 'README.md'), 'utf8')
    .replace(
      /\]\((docs\/images\/[\w-]+\.png)\)/g,
      (_, image) => `](data:image/png;base64,${fs.readFileSync(path.join(root, image)).toString('base64')})`,
    );
  fs.writeFileSync(path.join(stage, 'README.md'), readme);
  run(['package', '--no-dependencies', '--no-rewrite-relative-links', '--out', out], stage, 'inherit');
} finally {
  fs.rmSync(stage, { recursive: true, force: true });
}
