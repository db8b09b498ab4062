// The read boundary on a real disk: links inside are followed, links out are refused, absolute
// targets into a deployed tree map to the repository's copy of it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ReadBoundary } from '../../server/src/node/boundary';
import { diskHost } from '../../server/src/node/scan';
import { expandGlob } from '../../server/src/node/glob';

function tree(files: Record<string, string>, links: Record<string, string>): string {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'timeout-chain-boundary-')));
  for (const [relative, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, relative)), { recursive: true });
    fs.writeFileSync(path.join(root, relative), text);
  }
  for (const [relative, target] of Object.entries(links)) {
    fs.mkdirSync(path.dirname(path.join(root, relative)), { recursive: true });
    fs.symlinkSync(target, path.join(root, relative));
  }
  return root;
}

test('what the boundary resolves and what it refuses', (t) => {
  if (process.platform === 'win32') return t.skip('symbolic links');
  const root = tree(
    {
      'ws/etc/nginx/sites-available/app': 'server {}\n',
      'ws/deploy/nginx/snippets/a.conf': 'gzip on;\n',
      'ws/conf.d/real.conf': 'gzip on;\n',
      'secret.conf': 'API_KEY=1;\n',
    },
    {
      'ws/etc/nginx/sites-enabled/app': '/etc/nginx/sites-available/app',
      'ws/conf.d/inside.conf': 'real.conf',
      'ws/conf.d/up.conf': '../../secret.conf',
      'ws/conf.d/abs.conf': '/etc/passwd',
      'ws/conf.d/mapped.conf': '/srv/nginx/snippets/a.conf',
      'ws/conf.d/loop.conf': 'loop.conf',
      'ws/root': '/',
    },
  );
  try {
    const ws = path.join(root, 'ws');
    const boundary = new ReadBoundary(ws, () => ({ '/srv/nginx': path.join(ws, 'deploy/nginx') }));
    const resolve = (relative: string) => boundary.resolve(path.join(ws, relative));
    assert.deepEqual(resolve('conf.d/inside.conf'), { real: path.join(ws, 'conf.d/real.conf') });
    assert.deepEqual(resolve('etc/nginx/sites-enabled/app'), { real: path.join(ws, 'etc/nginx/sites-available/app') });
    assert.deepEqual(resolve('conf.d/mapped.conf'), { real: path.join(ws, 'deploy/nginx/snippets/a.conf') });
    assert.deepEqual(resolve('conf.d/up.conf'), { refused: 'outside' });
    assert.deepEqual(resolve('conf.d/abs.conf'), { refused: 'outside' });
    assert.deepEqual(resolve('conf.d/loop.conf'), { refused: 'loop' });
    assert.deepEqual(resolve('root/etc/passwd'), { refused: 'outside' });
    assert.deepEqual(resolve('conf.d/none.conf'), { refused: 'missing' });
    assert.deepEqual(boundary.resolve(path.join(root, 'secret.conf')), { refused: 'outside' });
    const host = diskHost(boundary);
    assert.equal(host.readFile(path.join(ws, 'conf.d/up.conf')), undefined);
    assert.equal(host.whyUnread?.(path.join(ws, 'conf.d/up.conf')), 'outside');
    assert.equal(host.readFile(path.join(ws, 'etc/nginx/sites-enabled/app')), 'server {}\n');
    // A glob lists no folder outside: root/ leads to / and is not walked.
    assert.deepEqual(expandGlob(path.join(ws, 'root/*/passwd'), boundary), []);
    assert.deepEqual(
      expandGlob(path.join(ws, 'conf.d/*.conf'), boundary).map((f) => path.basename(f)),
      ['abs.conf', 'inside.conf', 'mapped.conf', 'real.conf', 'up.conf'],
    );
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});
