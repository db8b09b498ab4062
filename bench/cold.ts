// Cold analysis: a fresh CLI process, and a fresh language server over stdio, from start to the
// last diagnostic, with peak memory.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
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
  /** Upstream servers linked to a backend (set when the benchmark checks the answer). */
  links?: number;
  /** How a run's answer differed from the one expected (empty when it matched). */
  wrongAnswers?: string[];
}

/** Check codes by file path relative to the analysed folder, each list sorted. */
export type CodesByFile = Record<string, string[]>;

export interface CliRun {
  ms: number;
  peakMb: number;
  findings: number;
  filesWithFindings: number;
  links: number;
  codesByFile: CodesByFile;
}

export interface LspColdRun {
  ms: number;
  peakMb: number;
  filesWithDiagnostics: number;
  codesByFile: CodesByFile;
}

/** Differences from the expected answer, in words; empty when the run's answer is the expected one. */
export type AnswerCheck = (cli: CliRun, lsp: LspColdRun) => string[];

function codesByFile(entries: [string, string][]): CodesByFile {
  const byFile: CodesByFile = {};
  for (const [file, code] of entries) (byFile[file] ??= []).push(code);
  for (const codes of Object.values(byFile)) codes.sort();
  return byFile;
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
    const report = JSON.parse(fs.readFileSync(output, 'utf8')) as {
      findings: { code: string; location: { file: string } }[];
      links: unknown[];
    };
    return {
      ms,
      peakMb: Number(fs.readFileSync(rssFile, 'utf8')) / 1024,
      findings: report.findings.length,
      filesWithFindings: new Set(report.findings.map((f) => f.location.file)).size,
      links: report.links.length,
      codesByFile: codesByFile(report.findings.map((f) => [f.location.file, f.code])),
    };
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

/** A fresh server on `dir`: from spawn to the first `ready` status and the last publish before a quiet period. */
export async function runLspCold(dir: string, timeoutMs = 300_000): Promise<LspColdRun> {
  const session = new LspSession();
  try {
    await session.start(dir);
    await session.until('the first ready status', timeoutMs, () => session.readyTimes.length > 0);
    // Anything still streaming after `ready` counts too.
    await session.quiet(300, timeoutMs);
    const lastPublish = Math.max(0, ...session.publishes.map((p) => p.at));
    const ms = Math.max(session.readyTimes[0], lastPublish) - session.startedAt;
    const filesWithDiagnostics = [...session.diagnostics.values()].filter((d) => d.length > 0).length;
    const codes = [...session.diagnostics].flatMap(([uri, diagnostics]) =>
      diagnostics.map((d): [string, string] => [path.relative(dir, fileURLToPath(uri)).split(path.sep).join('/'), String(d.code)]),
    );
    return { ms, peakMb: session.peakMemoryMb(), filesWithDiagnostics, codesByFile: codesByFile(codes) };
  } finally {
    await session.stop();
  }
}

/** `check`, when given, is applied to every run: a figure taken on a wrong answer is no figure. */
export async function coldBenchmark(dir: string, runs: number, check?: AnswerCheck): Promise<ColdFigures> {
  const cli: CliRun[] = [];
  const lsp: LspColdRun[] = [];
  const wrongAnswers = new Set<string>();
  for (let i = 0; i < runs; i++) {
    cli.push(await runCli(dir));
    lsp.push(await runLspCold(dir));
    for (const wrong of check?.(cli[i], lsp[i]) ?? []) wrongAnswers.add(wrong);
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
    ...(check && { links: cli[0].links, wrongAnswers: [...wrongAnswers] }),
  };
}
