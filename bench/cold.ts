// Cold analysis: a fresh CLI process, and a fresh language server over stdio, from start to the
// last diagnostic, with peak memory.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { bundleDir } from './nginxBinary';
import { LspSession } from './lspSession';
import { median, nowMs } from './stats';

export const cliBundle = path.join(bundleDir, 'cli.js');

export interface ColdFigures {
  runs: number;
  cliMs: number;
  cliPeakMb: number;
  lspMs: number;
  lspPeakMb: number;
  /** Files with at least one finding, as the CLI and the server see them: must agree. */
  cliFilesWithFindings: number;
  lspFilesWithDiagnostics: number;
  findings: number;
}

interface CliRun {
  ms: number;
  peakMb: number;
  findings: number;
  filesWithFindings: number;
}

/** `timeout-chain check DIR --format json`, timed from spawn to exit. */
export async function runCli(dir: string, timeoutMs = 300_000): Promise<CliRun> {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'timeout-chain-bench-cli-'));
  const rssFile = path.join(scratch, 'rss');
  const output = path.join(scratch, 'report.json');
  try {
    const start = nowMs();
    const { code, stderr } = await new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
      const child = spawn(
        process.execPath,
        ['-r', path.join(__dirname, 'maxRss.js'), cliBundle, 'check', dir, '--format', 'json', '--output', output],
        {
          env: { ...process.env, TIMEOUT_CHAIN_BENCH_RSS_FILE: rssFile },
          stdio: ['ignore', 'ignore', 'pipe'],
        },
      );
      let stderr = '';
      child.stderr.on('data', (chunk) => (stderr += chunk));
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`the CLI took over ${timeoutMs} ms on ${dir}`));
      }, timeoutMs);
      child.on('exit', (code) => {
        clearTimeout(timer);
        resolve({ code, stderr });
      });
    });
    const ms = nowMs() - start;
    if (code !== 0 && code !== 1) throw new Error(`the CLI exited with ${code} on ${dir}: ${stderr.slice(-2000)}`);
    const report = JSON.parse(fs.readFileSync(output, 'utf8')) as { findings: { location: { file: string } }[] };
    return {
      ms,
      peakMb: Number(fs.readFileSync(rssFile, 'utf8')) / 1024,
      findings: report.findings.length,
      filesWithFindings: new Set(report.findings.map((f) => f.location.file)).size,
    };
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

/** A fresh server on `dir`: from spawn to the first `ready` status and the last publish before a quiet period. */
export async function runLspCold(dir: string, timeoutMs = 300_000): Promise<{ ms: number; peakMb: number; filesWithDiagnostics: number }> {
  const session = new LspSession();
  try {
    await session.start(dir);
    await session.until('the first ready status', timeoutMs, () => session.readyTimes.length > 0);
    // Anything still streaming after `ready` counts too.
    await session.quiet(300, timeoutMs);
    const lastPublish = Math.max(0, ...session.publishes.map((p) => p.at));
    const ms = Math.max(session.readyTimes[0], lastPublish) - session.startedAt;
    const filesWithDiagnostics = [...session.diagnostics.values()].filter((d) => d.length > 0).length;
    return { ms, peakMb: session.peakMemoryMb(), filesWithDiagnostics };
  } finally {
    await session.stop();
  }
}

export async function coldBenchmark(dir: string, runs: number): Promise<ColdFigures> {
  const cli: CliRun[] = [];
  const lsp: Awaited<ReturnType<typeof runLspCold>>[] = [];
  for (let i = 0; i < runs; i++) {
    cli.push(await runCli(dir));
    lsp.push(await runLspCold(dir));
  }
  return {
    runs,
    cliMs: median(cli.map((r) => r.ms)),
    cliPeakMb: Math.max(...cli.map((r) => r.peakMb)),
    lspMs: median(lsp.map((r) => r.ms)),
    lspPeakMb: Math.max(...lsp.map((r) => r.peakMb)),
    cliFilesWithFindings: cli[0].filesWithFindings,
    lspFilesWithDiagnostics: lsp[0].filesWithDiagnostics,
    findings: cli[0].findings,
  };
}
