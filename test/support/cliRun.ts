// Runs the CLI as users do: the package's own bin (which loads dist/), from the repository root.
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

export const repo = path.resolve(__dirname, '../../..');
// TIMEOUT_CHAIN_DIST=folder runs that folder's bundle instead of the package's bin (which loads dist/).
export const bin = process.env.TIMEOUT_CHAIN_DIST
  ? path.resolve(repo, process.env.TIMEOUT_CHAIN_DIST, 'cli.js')
  : path.join(repo, 'bin/timeout-chain.js');

export function cli(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, [bin, ...args], { cwd: repo, encoding: 'utf8' });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}
