// Where an include's path lands: through the prefix map (the longest deployed folder first), the
// deployed conf prefix, or as written; a folder's name that only starts like another is not inside it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveIncludePath } from '../../server/src/core/nginx/includes';

const options = { confPrefix: '/repo/nginx', prefixMap: { '/etc/nginx': '/repo/nginx', '/etc/nginx/conf.d': '/repo/sites' } };

test('the longest deployed folder maps an absolute include', () => {
  assert.equal(resolveIncludePath('/etc/nginx/conf.d/app.conf', options), '/repo/sites/app.conf');
  assert.equal(resolveIncludePath('/etc/nginx/mime.types', options), '/repo/nginx/mime.types');
});

test('a sibling folder whose name starts like a mapped one is not under it', () => {
  assert.equal(resolveIncludePath('/etc/nginx-extra/x.conf', options), '/etc/nginx-extra/x.conf');
  assert.equal(resolveIncludePath('/etc/nginx/conf.dx/x.conf', options), '/repo/nginx/conf.dx/x.conf');
});

test('dot segments and doubled slashes are normalized before the test', () => {
  assert.equal(resolveIncludePath('/etc/nginx/conf.d/../snippets/a.conf', options), '/repo/nginx/snippets/a.conf');
  assert.equal(resolveIncludePath('/etc//nginx/conf.d/b.conf', options), '/repo/sites/b.conf');
  assert.equal(resolveIncludePath('/etc/nginx/../passwd', options), '/etc/nginx/../passwd');
});

test('relative includes resolve against the deployed conf prefix, then through the map', () => {
  assert.equal(resolveIncludePath('conf.d/*.conf', { ...options, deployedConfPrefix: '/etc/nginx' }), '/repo/sites/*.conf');
  assert.equal(resolveIncludePath('snippets/ssl.conf', { confPrefix: '/repo/nginx' }), '/repo/nginx/snippets/ssl.conf');
});
