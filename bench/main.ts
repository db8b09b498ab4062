// `npm run bench`: parser throughput against nginx-conf and nginx -T, cold and incremental analysis
// of generated workspaces and of the corpus; prints a table and writes bench-results.json.
// BENCH_QUICK=1: 100 and 1,000 files only, fewer runs. BENCH_SIZES=100,1000,10000 and BENCH_EDITS=100
// choose the sizes and the edit count; BENCH_OUTPUT the JSON file. BENCH_ONLY=cold: the cold figures alone
// (full analysis against nginx -T, cold workspaces, the corpus and the Java monorepo), no parser or
// incremental runs. BENCH_ONLY=java: the Java monorepo alone (cold and application.yml edits), of
// BENCH_JAVA_FILES files (10,000; 1,000 with BENCH_QUICK).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { corpus } from '../test/corpus/location';
import { cliBundle, coldBenchmark, runCli } from './cold';
import { generateWorkspace, generateWorkspaceOfSize, removeWorkspace } from './generate';
import { incrementalBenchmark } from './incremental';
import { javaBenchmark } from './javaBench';
import { serverBundle } from './lspSession';
import { findNginx, nginxTest, repoRoot } from './nginxBinary';
import { parserBenchmark } from './parser';
import { pathologicalBenchmark } from './pathological';
import { table, targetsOf, type AnalysisVsNginx, type Figures } from './report';
import { median } from './stats';

const quick = process.env.BENCH_QUICK === '1';
const sizes = (process.env.BENCH_SIZES ?? (quick ? '100,1000' : '100,1000,10000'))
  .split(',')
  .map(Number)
  .filter((n) => n >= 10);
const coldOnly = process.env.BENCH_ONLY === 'cold';
const javaOnly = process.env.BENCH_ONLY === 'java';
const javaFiles = Number(process.env.BENCH_JAVA_FILES ?? (quick ? 1000 : 10_000));
const edits = coldOnly ? 0 : Number(process.env.BENCH_EDITS ?? 100);
const runs = quick ? 3 : 5;
const output = path.resolve(process.env.BENCH_OUTPUT ?? path.join(repoRoot, 'bench-results.json'));
const analysisBytes = 8e6;

function machine(nginx: string | undefined): Figures['machine'] {
  const cpu =
    /^model name\s*:\s*(.*)$/m.exec(fs.existsSync('/proc/cpuinfo') ? fs.readFileSync('/proc/cpuinfo', 'utf8') : '')?.[1] ??
    os.cpus()[0]?.model ??
    'unknown CPU';
  return { cpus: os.availableParallelism(), cpu, memoryGb: os.totalmem() / 2 ** 30, node: process.version, nginx };
}

function log(message: string): void {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

/** CLI and nginx -T on one ~8 MB config nginx loads, alternating so that both see the same machine state. */
async function analysisVsNginx(nginx: string): Promise<AnalysisVsNginx> {
  const workspace = generateWorkspaceOfSize(analysisBytes);
  try {
    const cli: number[] = [];
    const real: ReturnType<typeof nginxTest>[] = [];
    for (let i = 0; i < 3; i++) {
      real.push(nginxTest(nginx, workspace.mainConf));
      cli.push((await runCli(workspace.root)).ms);
    }
    const nginxOk = real.every((r) => r.ok);
    if (!nginxOk) log(`nginx -T rejected the generated workspace: ${real.find((r) => !r.ok)?.stderr.slice(0, 1000)}`);
    return {
      mb: workspace.nginxBytes / 1e6,
      nginxFiles: workspace.nginxFileCount,
      cliMs: median(cli),
      nginxMs: median(real.map((r) => r.ms)),
      nginxOk,
    };
  } finally {
    removeWorkspace(workspace);
  }
}

async function main(): Promise<number> {
  for (const bundle of [cliBundle, serverBundle])
    if (!fs.existsSync(bundle)) throw new Error(`${bundle} is missing: run npm run build (or node scripts/bundle.mjs) first`);
  const found = findNginx();
  const nginx = 'binary' in found ? found.binary : undefined;
  const figures: Figures = {
    machine: machine('version' in found ? found.version : undefined),
    cold: {},
    incremental: {},
    skipped: [],
    targets: [],
  };
  if ('error' in found) figures.skipped.push(`nginx -T figures: ${found.error}`);
  const corpusNginx = path.join(corpus, 'nginx');
  if (!fs.existsSync(corpusNginx)) figures.skipped.push(`corpus figures: no corpus at ${corpusNginx}`);

  if (javaOnly) {
    figures.skipped.push('nginx, corpus and pathological figures: BENCH_ONLY=java');
    figures.java = await javaBenchmark(javaFiles, javaFiles >= 10_000 ? 3 : runs, edits, log);
    return finish(figures);
  }
  if (coldOnly) figures.skipped.push('parser and incremental figures: BENCH_ONLY=cold');
  else {
    log('parser throughput');
    figures.parser = parserBenchmark({ runs, largeBytes: analysisBytes, nginx });
  }
  if (nginx) {
    log('full analysis against nginx -T');
    figures.analysisVsNginx = await analysisVsNginx(nginx);
  }
  for (const size of sizes) {
    log(`generating ${size} files`);
    const workspace = generateWorkspace(size);
    try {
      log(`cold ${size}`);
      figures.cold[size] = await coldBenchmark(workspace.root, size >= 10_000 ? 3 : runs);
      if (size >= 1000 && edits > 0) {
        log(`incremental ${size} (${edits} edits)`);
        figures.incremental[size] = await incrementalBenchmark(workspace, edits);
      }
    } finally {
      removeWorkspace(workspace);
    }
  }
  if (fs.existsSync(corpusNginx)) {
    log('cold corpus');
    figures.corpusCold = await coldBenchmark(corpusNginx, runs);
  }
  figures.java = await javaBenchmark(javaFiles, javaFiles >= 10_000 ? 3 : runs, edits, log);
  figures.pathological = await pathologicalBenchmark(log);
  return finish(figures);
}

function finish(figures: Figures): number {
  figures.targets = targetsOf(figures, String(Math.max(...sizes)));
  const text = table(figures);
  process.stdout.write(text + '\n');
  fs.writeFileSync(output, JSON.stringify({ date: new Date().toISOString(), ...figures }, null, 2) + '\n');
  log(`figures written to ${path.relative(process.cwd(), output) || output}`);
  return 0;
}

// A hard ceiling, so that a stuck server or nginx can never hang a CI job.
const ceiling = setTimeout(() => {
  process.stderr.write('bench: gave up after 30 minutes\n');
  process.exit(2);
}, 30 * 60_000);
ceiling.unref();

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    process.stderr.write(`bench failed: ${error.stack ?? error.message}\n`);
    process.exit(2);
  },
);
