// What the CLI and the server read from disk: the folder walk (exclusions, symbolic links, the size
// cap, classification) and nginx glob expansion, on real folders.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { minimatch } from 'minimatch';
import { isExcluded, walkExcludeTest } from '../../server/src/node/exclude';
import { scanFolder, type ScannedFile } from '../../server/src/node/scan';
import { expandGlob } from '../../server/src/node/glob';
import { readListedFile, readText } from '../../server/src/node/readText';

function tree(files: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'timeout-chain-scan-'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    fs.writeFileSync(path.join(root, name), text);
  }
  return root;
}

async function scan(root: string, exclude: string[]): Promise<ScannedFile[]> {
  const files: ScannedFile[] = [];
  await scanFolder(root, exclude, (file) => files.push(file));
  return files;
}

const server = 'server { listen 80; }\n';
const xml = '<Server><Service name="s"><Connector port="8080"/></Service></Server>';

test('the walk excludes what minimatch excludes, for the literal patterns it matches by hand', () => {
  const patterns = ['**/node_modules/**', '**/.git/**', '**/ignored', '**/build/**', 'other/excluded.conf', '**/.hidden', '**/sp ace/**'];
  const names = [
    'node_modules',
    '.git',
    'ignored',
    'build',
    '.hidden',
    'sp ace',
    'a',
    '.gitx',
    'node_modulesx',
    'xbuild',
    'other',
    'excluded.conf',
  ];
  const paths = new Set<string>();
  for (const a of names) {
    paths.add(a);
    for (const b of names) {
      paths.add(`${a}/${b}`);
      for (const c of ['x.conf', 'build', 'ignored']) paths.add(`${a}/${b}/${c}`);
    }
  }
  for (const pattern of patterns) {
    const walk = walkExcludeTest([pattern]);
    for (const relative of paths) {
      const expected = minimatch(relative, pattern, { dot: true }) || minimatch(relative + '/', pattern, { dot: true });
      assert.equal(walk(relative), expected, `${pattern} on ${relative}`);
      assert.equal(isExcluded('/root', `/root/${relative}`, [pattern]), expected, `isExcluded: ${pattern} on ${relative}`);
    }
  }
  // Outside the root, `**` does not cross `..`: the server's isExcluded keeps minimatch's answer.
  assert.equal(isExcluded('/root/ws', '/root/node_modules/x.conf', ['**/node_modules/**']), false);
});

test('the walk: exclusions, symbolic links to folders once, file links, odd entries, classification', async (t) => {
  if (process.platform === 'win32') return t.skip('symbolic links and FIFOs');
  const root = tree({
    'nginx/nginx.conf': server,
    'build/conf/server.xml': xml,
    'node_modules/x/conf/server.xml': xml,
    'sub/deep/target/conf/server.xml': xml,
    'other/a.conf': server,
    'other/b.conf': 'foo = bar\n',
    'other/notes.md': server,
    'conf.d/site': server,
    'conf/catalina.properties': 'a=b\n',
  });
  fs.symlinkSync('sub/deep/target', path.join(root, 'linked'));
  fs.symlinkSync('../..', path.join(root, 'sub/deep/loop'));
  fs.symlinkSync('nginx/nginx.conf', path.join(root, 'nginx-link.conf'));
  fs.symlinkSync('missing', path.join(root, 'dangling.conf'));
  fs.mkdirSync(path.join(root, 'other/dir.conf'));
  spawnSync('mkfifo', [path.join(root, 'other/fifo.conf')]);
  try {
    const files = await scan(root, ['**/node_modules/**', '**/build/**']);
    const relative = files.map((f) => [path.relative(root, f.path), f.kind]);
    assert.deepEqual(relative, [
      // Breadth first, names sorted: the first path to a real folder is the one kept. A link to a
      // file inside (nginx-link.conf) is that file, met at its own path: one file, not two.
      ['conf/catalina.properties', 'properties'],
      ['conf.d/site', 'nginx'],
      ['nginx/nginx.conf', 'nginx'],
      ['other/a.conf', 'nginx'],
      ['linked/conf/server.xml', 'tomcat'],
    ]);
    assert.equal(files[2].text, server);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});

test('files up to 16 MB are read whole, larger ones not at all', () => {
  const root = tree({
    'small.conf': server,
    'nginx/two-mb.conf': '#'.repeat(2 * 1024 * 1024) + '\n' + server,
    'big.nginx': '#'.repeat(16 * 1024 * 1024 + 1),
  });
  try {
    for (const read of [readText, readListedFile]) {
      assert.equal(read(path.join(root, 'small.conf')), server);
      assert.equal(read(path.join(root, 'nginx/two-mb.conf'))?.length, 2 * 1024 * 1024 + 1 + server.length);
      assert.equal(read(path.join(root, 'big.nginx')), undefined);
      assert.equal(read(path.join(root, 'missing.conf')), undefined);
      assert.equal(read(path.join(root, 'nginx')), undefined);
    }
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});

test('nginx globs: files only (links to files too), hidden names only when asked, byte order', () => {
  const root = tree({
    'conf.d/b.conf': '',
    'conf.d/a.conf': '',
    'conf.d/Z.conf': '',
    'conf.d/é.conf': '',
    'conf.d/😀.conf': '',
    'conf.d/！.conf': '',
    'conf.d/.hidden.conf': '',
    'conf.d/x/y.conf': '',
    'conf.d/sub.conf/inner.conf': '',
  });
  try {
    if (process.platform !== 'win32') {
      fs.symlinkSync('a.conf', path.join(root, 'conf.d/link.conf'));
      fs.symlinkSync('missing', path.join(root, 'conf.d/dangling.conf'));
    }
    const names = expandGlob(path.join(root, 'conf.d/*.conf')).map((f) => path.relative(path.join(root, 'conf.d'), f));
    const expected = ['Z.conf', 'a.conf', 'b.conf', ...(process.platform === 'win32' ? [] : ['link.conf']), 'é.conf', '！.conf', '😀.conf'];
    // U+FF01 sorts after the emoji's surrogates in UTF-16 but before its bytes in UTF-8, as strcmp sees them.
    assert.deepEqual(names, expected);
    assert.deepEqual(
      expandGlob(path.join(root, 'conf.d/.*.conf')).map((f) => path.basename(f)),
      ['.hidden.conf'],
    );
    assert.deepEqual(
      expandGlob(path.join(root, 'conf.d/*/*.conf')).map((f) => path.relative(root, f)),
      ['conf.d/sub.conf/inner.conf', 'conf.d/x/y.conf'].map((f) => path.normalize(f)),
    );
    assert.deepEqual(expandGlob(path.join(root, 'conf.d/a.conf')), [path.join(root, 'conf.d/a.conf')]);
    assert.deepEqual(expandGlob(path.join(root, 'missing/*.conf')), []);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});
