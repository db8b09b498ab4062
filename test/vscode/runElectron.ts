// Runner 1 (`npm run test:electron`): the same suite in VS Code downloaded by @vscode/test-electron,
// for machines that can reach update.code.visualstudio.com.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { makeWorkspace, repoRoot } from './codeServer';

async function main(): Promise<number> {
  const workspace = makeWorkspace();
  try {
    await runTests({
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: path.join(repoRoot, 'out', 'test', 'vscode', 'suite', 'index.js'),
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome'],
    });
    return 0;
  } finally {
    fs.rmSync(workspace, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(`extension-host suite failed: ${error.message}`);
    process.exit(1);
  },
);
