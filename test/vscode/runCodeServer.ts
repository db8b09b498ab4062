// Runner 2 (`npm run test:vscode`): extension-host suites inside code-server's extension host,
// opened through Debian's Chromium. Works offline. Each suite writes its counts to a file; this
// runner waits for it and fails when any test failed or none ran. Two runs, one after the other:
// the main suite on the extension under development in a trusted folder, then the Restricted Mode
// suite on the packaged .vsix in a folder left untrusted.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ensureCodeServer, launchChromium, makeWorkspace, packageAndInstall, repoRoot, startCodeServer } from './codeServer';
import type { SuiteResult } from './suite/index';

interface Run {
  name: string;
  restricted: boolean;
  /** The extension VS Code treats as under development (never disabled by trust). */
  developmentPath: string;
  testsPath: string;
}

const runs: Run[] = [
  {
    name: 'extension-host suite',
    restricted: false,
    developmentPath: repoRoot,
    testsPath: path.join(repoRoot, 'out', 'test', 'vscode', 'suite', 'index.js'),
  },
  {
    name: 'Restricted Mode suite (untrusted folder, installed .vsix)',
    restricted: true,
    developmentPath: path.join(repoRoot, 'test', 'vscode', 'restricted', 'probe'),
    testsPath: path.join(repoRoot, 'out', 'test', 'vscode', 'restricted', 'index.js'),
  },
];

async function runSuite(binary: string, run: Run): Promise<boolean> {
  const workspace = makeWorkspace();
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'timeout-chain-vscode-run-'));
  const resultFile = path.join(scratch, 'result.json');
  const extensionsDir = path.join(scratch, 'extensions');
  if (run.restricted) packageAndInstall(binary, scratch, extensionsDir);
  const env = { TIMEOUT_CHAIN_VSCODE_RESULT: resultFile, TIMEOUT_CHAIN_EXTENSIONS_DIR: extensionsDir };
  const server = await startCodeServer({ folder: workspace, extensionsDir, env, restricted: run.restricted });
  const browser = await launchChromium();
  try {
    const remote = (p: string) => `vscode-remote://127.0.0.1:${server.port}${p}`;
    const payload = [
      ['extensionDevelopmentPath', remote(run.developmentPath)],
      ['extensionTestsPath', remote(run.testsPath)],
    ];
    const page = await browser.newPage();
    const consoleLines: string[] = [];
    page.on('console', (message) => consoleLines.push(message.text()));
    await page.goto(`${server.url}?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`);
    const deadline = Date.now() + 5 * 60_000;
    // The suite writes the file in one call, yet it can be seen empty for a moment: wait until it parses.
    const written = () => {
      try {
        return JSON.parse(fs.readFileSync(resultFile, 'utf8')) as SuiteResult;
      } catch {
        return undefined;
      }
    };
    let result: SuiteResult | undefined;
    while (!(result = written())) {
      if (Date.now() > deadline)
        throw new Error(
          `the ${run.name} reported nothing within 5 minutes.\ncode-server:\n${server.log()}\nbrowser console:\n${consoleLines.join('\n')}`,
        );
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    console.log(`${run.name} in code-server (VS Code ${result.vscodeVersion}): ${result.passed} passed, ${result.failed} failed`);
    for (const failure of result.failures) console.log(`FAILED ${failure.title}\n${failure.error}\n`);
    if (result.failed > 0 || result.passed === 0) {
      console.log(server.log());
      return false;
    }
    return true;
  } finally {
    await browser.close();
    await server.stop();
    fs.rmSync(workspace, { recursive: true, force: true });
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

async function main(): Promise<number> {
  const binary = ensureCodeServer();
  let ok = true;
  // One after the other: one code-server and one Chromium at a time.
  for (const run of runs) ok = (await runSuite(binary, run)) && ok;
  return ok ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(error.stack ?? error.message);
    process.exit(1);
  },
);
