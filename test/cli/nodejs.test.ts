// The Node.js monorepo of the real layouts through the CLI as users run it: one server, from the
// sources (not their dist/ copy, not a test, not a dependency under node_modules), racing nginx.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { analyzeFolder } from '../../server/src/node/analyzeFolder';
import { layoutCases, writeLayoutCase } from '../support/realLayouts';
import { cli } from '../support/cliRun';

const monorepo = layoutCases.find((l) => l.name.startsWith('a Node.js monorepo'))!;

test('a Node.js monorepo: the one server its sources start, nothing from node_modules', { timeout: 60_000 }, async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'timeout-chain-node-'));
  try {
    writeLayoutCase(dir, monorepo);
    const result = await analyzeFolder(dir);
    const relative = (file: string) => path.relative(dir, file).split(path.sep).join('/');
    const servers = result.analysis.endpoints.filter((e) => e.kind === 'nodejs');
    assert.deepEqual(
      servers.map((e) => e.label),
      ['apps/api/src/server.ts, Node.js Express server on port 4000'],
    );
    // Node.js 22 from the Dockerfile the compose service builds: 5000 ms, closing 1 s later.
    assert.equal(servers[0].idle.ms, 6000);
    assert.match(servers[0].idle.description, /Node\.js 22 \(FROM node:22-alpine in apps\/api\/Dockerfile\)/);
    assert.ok(!result.findings.some((f) => relative(f.location.file).includes('node_modules')));

    const run = cli('check', dir, '--format', 'json');
    assert.equal(run.stderr, '');
    const report = JSON.parse(run.stdout) as { files: Record<string, string[]>; findings: { location: { file: string }; code: string }[] };
    assert.deepEqual(report.files.nodejs, ['apps/api/package.json']);
    assert.deepEqual(report.findings.map((f) => `${f.code} ${f.location.file}`).sort(), [
      'keepalive-race apps/api/src/server.ts',
      'keepalive-race deploy/nginx/conf.d/api.conf',
    ]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
