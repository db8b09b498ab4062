// Entry point VS Code calls (extensionTestsPath) in its extension host: runs the mocha suite and
// reports the counts, to the console and to the file named by TIMEOUT_CHAIN_VSCODE_RESULT, since a
// runner driving VS Code through a browser cannot see the extension host's outcome otherwise.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

export interface SuiteResult {
  passed: number;
  failed: number;
  failures: { title: string; error: string }[];
  vscodeVersion: string;
}

export function run(): Promise<void> {
  return runSuiteIn(__dirname);
}

/** Runs the `*.test.js` files of `dir` with mocha and reports the counts. */
export function runSuiteIn(dir: string): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000 });
  for (const file of fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.test.js'))
    .sort())
    mocha.addFile(path.join(dir, file));
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const vscodeVersion = (require('vscode') as typeof import('vscode')).version;
  const result: SuiteResult = { passed: 0, failed: 0, failures: [], vscodeVersion };
  return new Promise((resolve, reject) => {
    const runner = mocha.run(() => {
      const summary = `extension-host suite in VS Code ${vscodeVersion}: ${result.passed} passed, ${result.failed} failed`;
      console.log(summary);
      const out = process.env.TIMEOUT_CHAIN_VSCODE_RESULT;
      if (out) fs.writeFileSync(out, JSON.stringify(result, null, 2));
      if (result.failed > 0 || result.passed === 0) reject(new Error(summary));
      else resolve();
    });
    runner.on('pass', (t) => {
      result.passed++;
      console.log(`  ok ${t.fullTitle()}`);
    });
    runner.on('fail', (t, error: Error) => {
      result.failed++;
      result.failures.push({ title: t.fullTitle(), error: String(error.stack ?? error) });
      console.log(`  FAILED ${t.fullTitle()}: ${error.message}`);
    });
  });
}
