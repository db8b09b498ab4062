// Pathological inputs through the CLI: a 16 MB file (the largest read) that nginx.conf includes, of `;`, of `{`, of `a {`
// (5.6 million blocks deep), of random bytes, one 16 MB token, and a 16 MB server.xml of nested
// elements. Each runs in a fresh CLI process (`check DIR --format json`), timed from spawn to exit,
// with its peak RSS. Target: within a few seconds and a few hundred MB (5 s, 500 MB).
// `node out/bench/pathological.js` runs it alone (after a build: it spawns the CLI bundle).
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cliBundle } from './cold';
import { atMost, fmt, nowMs, type TargetResult } from './stats';

/** readText reads files up to this size: the largest input a repository can hand over. */
const size = 16 * 1024 * 1024;
const targetMs = 5000;
const targetMb = 500;
/** A case still running after this is killed and reported as such (12x the target). */
const killAfterMs = 60_000;

export interface PathologicalFigures {
  name: string;
  ms: number;
  peakMb: number;
  /** The CLI's exit status (0 or 1 when it reported), or why it has none. */
  exit: string;
  findings?: number;
}

function repeatTo(unit: string): string {
  return unit.repeat(Math.floor(size / unit.length)).padEnd(size, '\n');
}

/** Seeded xorshift bytes: the same 16 MB on every run. */
function randomBytes(): Buffer {
  const bytes = Buffer.allocUnsafe(size);
  let x = 0x2545f491;
  for (let i = 0; i < size; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    bytes[i] = x & 0xff;
  }
  return bytes;
}

function nestedXml(): string {
  const depth = Math.floor((size - '<Server></Server>'.length) / '<a></a>'.length);
  return `<Server>${'<a>'.repeat(depth)}${'</a>'.repeat(depth)}</Server>`.padEnd(size, '\n');
}

/**
 * The nginx inputs sit in a file the main nginx.conf includes: nginx reads whatever it includes,
 * while a file nothing includes is read as nginx only when it looks like nginx.
 */
const included = 'nginx/flood.conf';
const mainIncluding = 'events {}\nhttp {\n    include flood.conf;\n}\n';

const cases: { name: string; file: string; content: () => string | Buffer }[] = [
  { name: '16 MB of ;', file: included, content: () => repeatTo(';') },
  { name: '16 MB of {', file: included, content: () => repeatTo('{') },
  // `{{` reads as template markup, which is not parsed: blocks opened by a name are.
  { name: '16 MB of "a {" (nested)', file: included, content: () => repeatTo('a {') },
  { name: '16 MB of random bytes', file: included, content: randomBytes },
  { name: '16 MB single token', file: included, content: () => repeatTo('a') },
  { name: '16 MB nested server.xml', file: 'tomcat/conf/server.xml', content: nestedXml },
];

/** Peak RSS so far from /proc (Linux): still there when the process is killed before it can say. */
function peakKbOf(pid: number | undefined): number {
  try {
    return Number(/VmHWM:\s*(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
  } catch {
    return 0;
  }
}

async function runCase(dir: string): Promise<Omit<PathologicalFigures, 'name'>> {
  const rssFile = path.join(dir, 'rss');
  const output = path.join(dir, 'report.json');
  const start = nowMs();
  let peakKb = 0;
  const { code, signal, killed } = await new Promise<{ code: number | null; signal: string | null; killed: boolean }>((resolve) => {
    const child = spawn(
      process.execPath,
      ['-r', path.join(__dirname, 'maxRss.js'), cliBundle, 'check', path.join(dir, 'ws'), '--format', 'json', '--output', output],
      {
        env: { ...process.env, TIMEOUT_CHAIN_BENCH_RSS_FILE: rssFile },
        stdio: 'ignore',
      },
    );
    let killed = false;
    const poll = setInterval(() => (peakKb = Math.max(peakKb, peakKbOf(child.pid))), 100);
    const timer = setTimeout(() => {
      killed = true;
      child.kill('SIGKILL');
    }, killAfterMs);
    child.on('exit', (code, signal) => {
      clearInterval(poll);
      clearTimeout(timer);
      resolve({ code, signal, killed });
    });
  });
  const ms = nowMs() - start;
  if (fs.existsSync(rssFile)) peakKb = Math.max(peakKb, Number(fs.readFileSync(rssFile, 'utf8')));
  const exit = killed ? `killed after ${killAfterMs / 1000} s` : code === null ? `signal ${signal}` : String(code);
  let findings: number | undefined;
  if ((code === 0 || code === 1) && fs.existsSync(output))
    findings = (JSON.parse(fs.readFileSync(output, 'utf8')) as { findings: unknown[] }).findings.length;
  return { ms, peakMb: peakKb / 1024, exit, findings };
}

export async function pathologicalBenchmark(log: (message: string) => void = () => {}): Promise<PathologicalFigures[]> {
  const figures: PathologicalFigures[] = [];
  for (const c of cases) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'timeout-chain-bench-pathological-'));
    try {
      const file = path.join(dir, 'ws', c.file);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, c.content());
      if (c.file === included) fs.writeFileSync(path.join(path.dirname(file), 'nginx.conf'), mainIncluding);
      log(`pathological: ${c.name}`);
      figures.push({ name: c.name, ...(await runCase(dir)) });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  return figures;
}

/** Reported means exit 0 or 1: 2 is an internal error, and a kill or a signal is no answer at all. */
const reported = (f: PathologicalFigures) => f.exit === '0' || f.exit === '1';

export function pathologicalLines(figures: PathologicalFigures[]): string[] {
  return [
    'Pathological inputs, CLI from spawn to exit (peak RSS)',
    ...figures.map(
      (f) =>
        `  ${f.name.padEnd(24)} ${fmt(f.ms).padStart(7)} ms ${fmt(f.peakMb).padStart(6)} MB   exit ${f.exit}${f.findings === undefined ? '' : `, ${f.findings} findings`}`,
    ),
  ];
}

export function pathologicalTargets(figures: PathologicalFigures[]): TargetResult[] {
  return figures.flatMap((f) => {
    const time = atMost(`${f.name}: CLI <= 5 s`, f.ms, targetMs, 'ms');
    const memory = atMost(`${f.name}: CLI peak <= 500 MB`, f.peakMb, targetMb, 'MB');
    if (reported(f)) return [time, memory];
    // No report: the time and memory it took are no answer, so neither target is met.
    return [time, memory].map((t) => ({ ...t, met: false, shortfall: `exit ${f.exit}${t.shortfall ? `; ${t.shortfall}` : ''}` }));
  });
}

if (require.main === module) {
  if (!fs.existsSync(cliBundle)) throw new Error(`${cliBundle} is missing: run npm run build (or node scripts/bundle.mjs) first`);
  void pathologicalBenchmark((m) => process.stderr.write(`[bench] ${m}\n`)).then((figures) => {
    const targets = pathologicalTargets(figures);
    process.stdout.write(
      [
        ...pathologicalLines(figures),
        'Targets',
        ...targets.map((t) => `  ${t.target}: ${t.measured}${t.met ? '' : `, ${t.shortfall}`} -- ${t.met ? 'met' : 'missed'}`),
      ].join('\n') + '\n',
    );
  });
}
