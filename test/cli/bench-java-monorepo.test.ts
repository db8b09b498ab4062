// The benchmark's Java monorepo holds the answer the benchmark expects: read from disk as the CLI
// reads it, the findings are exactly the planted races, every upstream links to its service, and
// only the planted customizers pass the cheap text test (so the figures time the real work).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeFolder } from '../../server/src/node/analyzeFolder';
import { mayHoldTomcatTimeouts } from '../../server/src/core/backends/springboot/code';
import { generateJavaMonorepo } from '../../bench/javaMonorepo';
import { expectedCodes } from '../../bench/javaBench';
import { removeWorkspace } from '../../bench/generate';

function javaFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.java'))
    .map((f) => path.join(dir, f));
}

test('the generated Java monorepo: exactly the planted races, each service linked', async () => {
  const repo = generateJavaMonorepo(800);
  try {
    assert.equal(fs.readdirSync(repo.root, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).length, 800);
    const result = await analyzeFolder(repo.root);
    const seen: Record<string, string[]> = {};
    for (const f of result.findings) (seen[path.relative(repo.root, f.location.file).split(path.sep).join('/')] ??= []).push(f.code);
    assert.deepEqual(seen, expectedCodes(repo));
    assert.equal(Object.keys(seen).length, 2 * repo.services.filter((s) => s.racing).length);
    assert.equal(result.analysis.links.length, repo.services.length);
    // The front end, scripts and tool beside the services start no server: no endpoint of theirs.
    assert.ok(repo.otherSources > 50, `${repo.otherSources} TypeScript, JavaScript, Python and Go files`);
    assert.deepEqual(
      result.analysis.endpoints.filter((e) => !e.file.path.startsWith(path.join(repo.root, 'services'))).map((e) => e.label),
      [],
    );
    const passing = javaFiles(repo.root).filter((f) => mayHoldTomcatTimeouts(fs.readFileSync(f, 'utf8')));
    assert.deepEqual(passing.map((f) => path.basename(f)).sort(), ['WebServerConfig.java', 'WebServerConfig.java', 'WebServerConfig.java']);
  } finally {
    removeWorkspace(repo);
  }
});
