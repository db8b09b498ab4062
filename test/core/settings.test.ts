import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultSettings, readSettings } from '../../server/src/core/settings';

test('reads the timeoutChain section / timeout-chain.json shape over the defaults', () => {
  const { settings, errors } = readSettings({
    nginx: { version: '1.24.0', prefixMap: { '/etc/nginx': 'deploy/nginx' } },
    links: [{ upstream: 'app', serverXml: 'tomcat/conf/server.xml', port: 8080 }],
    exclude: ['**/build/**'],
    fix: { upstreamMarginPercent: 100 },
  });
  assert.deepEqual(errors, []);
  assert.equal(settings.nginxVersion, '1.24.0');
  assert.deepEqual(settings.nginxPrefixMap, { '/etc/nginx': 'deploy/nginx' });
  assert.deepEqual(settings.links, [{ upstream: 'app', serverXml: 'tomcat/conf/server.xml', port: 8080, server: undefined }]);
  assert.deepEqual(settings.exclude, ['**/build/**']);
  assert.equal(settings.fix.upstreamMarginPercent, 100);
  assert.equal(settings.fix.proxyMarginPercent, defaultSettings.fix.proxyMarginPercent);
});

test('an empty version means the newest behaviour', () => {
  assert.equal(readSettings({ nginx: { version: '' } }).settings.nginxVersion, undefined);
});

test('bad entries are skipped and said, never thrown', () => {
  const { settings, errors } = readSettings({ nginx: { version: 7 }, links: [{ upstream: 'app' }, 'x'], fix: { proxyMarginPercent: -1 } });
  assert.equal(settings.links.length, 0);
  assert.equal(settings.fix.proxyMarginPercent, defaultSettings.fix.proxyMarginPercent);
  assert.equal(errors.length, 4);
  assert.deepEqual(readSettings('nonsense').errors, ['settings must be an object']);
  assert.deepEqual(readSettings(undefined).errors, []);
});
