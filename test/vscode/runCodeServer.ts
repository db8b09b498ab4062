// Runner 2 (`npm run test:vscode`): the extension-host suite inside code-server's extension host,
// opened through Debian's Chromium. Works offline. The suite writes its counts to a file; this
// runner waits for it and fails when any test failed or none ran.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ensureCodeServer, launchChromium, makeWorkspace, repoRoot, startCodeServer } from './codeServer';
import type { SuiteResult } from './suite/index';

async function main(): Promise<number> {
  ensureCodeServer();
  const workspace = makeWorkspace();
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'timeout-chain-vscode-run-'));
  const resultFile = path.join(scratch, 'result.json');
  const server = await startCodeServer({ folder: workspace, extensionsDir: path.join(scratch, 'extensions'), env: { TIMEOUT_CHAIN_VSCODE_RESULT: resultFile } });
  const browser = await launchChromium();
  try {
    const remote = (p: string) => `vscode-remote://127.0.0.1:${server.port}${p}`;
    const payload = [
      ['extensionDevelopmentPath', remote(repoRoot)],
      ['extensionTestsPath', remote(path.join(repoRoot, 'out', 'test', 'vscode', 'suite', 'index.js'))],
    ];
    const page = await browser.newPage();
    const consoleLines: string[] = [];
    page.on('console', (message) => consoleLines.push(message.text()));
    await page.goto(`${server.url}?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`);
    const deadline = Date.now() + 5 * 60_000;
    while (!fs.existsSync(resultFile)) {
      if (Date.now() > deadline) throw new Error(`the suite reported nothing within 5 minutes.\ncode-server:\n${server.log()}\nbrowser console:\n${consoleLines.join('\n')}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const result = JSON.parse(fs.readFileSync(resultFile, 'utf8')) as SuiteResult;
    console.log(`extension-host suite in code-server (VS Code ${result.vscodeVersion}): ${result.passed} passed, ${result.failed} failed`);
    for (const failure of result.failures) console.log(`FAILED ${failure.title}\n${failure.error}\n`);
    if (result.failed > 0 || result.passed === 0) {
      console.log(server.log());
      return 1;
    }
    return 0;
  } finally {
    await browser.close();
    await server.stop();
    fs.rmSync(workspace, { recursive: true, force: true });
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

main().then((code) => process.exit(code), (error: Error) => {
  console.error(error.stack ?? error.message);
  process.exit(1);
});
