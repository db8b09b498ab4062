// The real nginx as the reference: Debian's package, installed by the project's own script.
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { nowMs } from './stats';

export const repoRoot = path.resolve(__dirname, '../..');
/** The bundles measured: dist/, or TIMEOUT_CHAIN_DIST (relative to the repository) to measure another build. */
export const bundleDir = path.resolve(repoRoot, process.env.TIMEOUT_CHAIN_DIST ?? 'dist');

/** Installs missing Debian packages (nginx among them) and returns nginx's path, or an error in words. */
export function findNginx(): { binary: string; version: string } | { error: string } {
  try {
    execFileSync(path.join(repoRoot, 'scripts', 'install-system-packages.sh'), { stdio: 'inherit', timeout: 600_000 });
  } catch (error) {
    return { error: `scripts/install-system-packages.sh failed: ${(error as Error).message}` };
  }
  const binary = ['/usr/sbin/nginx', '/usr/local/sbin/nginx', '/usr/bin/nginx'].find((candidate) => fs.existsSync(candidate));
  if (!binary) return { error: 'nginx is not installed' };
  return { binary, version: spawnSync(binary, ['-v'], { encoding: 'utf8' }).stderr.trim() };
}

export interface NginxRun {
  ok: boolean;
  ms: number;
  stderr: string;
}

/**
 * `nginx -T` on a config, timed. The prefix (pid, logs, temp folders) is a fresh temporary folder,
 * so it runs as root without touching /etc or /var; relative includes resolve against the config's
 * own folder, as they do for nginx.
 */
export function nginxTest(binary: string, conf: string, timeoutMs = 120_000): NginxRun {
  const prefix = fs.mkdtempSync(path.join(os.tmpdir(), 'timeout-chain-bench-nginx-'));
  try {
    fs.mkdirSync(path.join(prefix, 'tmp'));
    const start = nowMs();
    const run = spawnSync(binary, ['-T', '-q', '-p', `${prefix}/`, '-c', conf, '-e', path.join(prefix, 'error.log')], {
      encoding: 'latin1',
      timeout: timeoutMs,
      maxBuffer: 1 << 30,
    });
    const ms = nowMs() - start;
    const log = fs.existsSync(path.join(prefix, 'error.log')) ? fs.readFileSync(path.join(prefix, 'error.log'), 'latin1') : '';
    const timedOut = run.error ? ` (${run.error.message})` : '';
    return { ok: run.status === 0, ms, stderr: (run.stderr + log).trim() + timedOut };
  } finally {
    fs.rmSync(prefix, { recursive: true, force: true });
  }
}
