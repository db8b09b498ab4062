// Parser throughput: this project's reader, the npm package nginx-conf and the real `nginx -T`, on
// the corpus and on one large generated file. Every ratio compares figures taken in the same run.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse as nginxConfParse } from 'nginx-conf';
import { parseNginx } from '../server/src/core/nginx/parser';
import { corpus } from '../test/corpus/location';
import { generateSingleFile } from './generate';
import { nginxTest } from './nginxBinary';
import { mbPerSecond, median, timeRuns } from './stats';

export interface Source {
  file: string;
  text: string;
  bytes: number;
}

export interface Throughput {
  bytes: number;
  files: number;
  mbPerSecond: number;
}

export interface ParserFigures {
  corpus?: {
    ours: Throughput;
    /** Both parsers on the files nginx-conf reads without an error (it stops at the first). */
    oursOnPeerBytes: Throughput;
    peer: Throughput;
    /** nginx -T, one process per file, on whole configs nginx loads; ours on the same files. */
    nginx?: Throughput;
    oursOnNginxBytes?: Throughput;
  };
  large: { ours: Throughput; peer: Throughput; nginx?: Throughput & { ok: boolean } };
  /** Time on the large file over time on a file a tenth its size. */
  linearity: { smallBytes: number; largeBytes: number; timeRatio: number };
}

function read(file: string): Source {
  const text = fs.readFileSync(file, 'utf8');
  return { file, text, bytes: Buffer.byteLength(text) };
}

function corpusFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}

function total(sources: readonly Source[]): number {
  return sources.reduce((n, s) => n + s.bytes, 0);
}

function parseOurs(sources: readonly Source[]): void {
  for (const s of sources) parseNginx(s.file, s.text);
}

/** nginx-conf's parse calls back synchronously; false when it reported an error or threw. */
function parsePeer(text: string): boolean {
  let ok = false;
  try {
    nginxConfParse(text, (error) => (ok = !error));
  } catch {
    ok = false;
  }
  return ok;
}

/** Steady-state throughput: V8 needs two or three passes over the corpus before its code is optimised. */
const warmup = 3;

function throughput(sources: readonly Source[], runs: number, parse: (sources: readonly Source[]) => void): Throughput {
  const bytes = total(sources);
  return { bytes, files: sources.length, mbPerSecond: mbPerSecond(bytes, median(timeRuns(runs, () => parse(sources), warmup))) };
}

/** Both parsers on the same sources, runs alternating so that a busy machine slows both alike. */
function headToHead(sources: readonly Source[], runs: number): { ours: Throughput; peer: Throughput } {
  const oursMs: number[] = [];
  const peerMs: number[] = [];
  timeRuns(warmup, () => sources.forEach((s) => parsePeer(s.text)), 0);
  timeRuns(warmup, () => parseOurs(sources), 0);
  for (let i = 0; i < runs; i++) {
    oursMs.push(...timeRuns(1, () => parseOurs(sources), 0));
    peerMs.push(...timeRuns(1, () => sources.forEach((s) => parsePeer(s.text)), 0));
  }
  const bytes = total(sources);
  const of = (ms: number[]) => ({ bytes, files: sources.length, mbPerSecond: mbPerSecond(bytes, median(ms)) });
  return { ours: of(oursMs), peer: of(peerMs) };
}

/** Whole main configs that nginx accepted when the corpus was made (the verdicts file). */
function nginxLoadableCorpusFiles(): string[] {
  const csv = path.join(corpus, 'nginx-verdicts.csv');
  if (!fs.existsSync(csv)) return [];
  return fs
    .readFileSync(csv, 'utf8')
    .split('\n')
    .filter((line) => /,accepted,/.test(line) && /,main\r?$/.test(line))
    .map((line) => path.join(corpus, line.slice(0, line.indexOf(','))));
}

function corpusFigures(runs: number, nginx: string | undefined): ParserFigures['corpus'] {
  const dir = path.join(corpus, 'nginx');
  if (!fs.existsSync(dir)) return undefined;
  const sources = corpusFiles(dir).map(read);
  const peerReadable = sources.filter((s) => parsePeer(s.text));
  const both = headToHead(peerReadable, runs * 2);
  const figures: NonNullable<ParserFigures['corpus']> = {
    ours: throughput(sources, runs, parseOurs),
    oursOnPeerBytes: both.ours,
    peer: both.peer,
  };
  if (nginx) {
    // One nginx process per file: its start-up is part of what a user waits for, and is included.
    const loaded: Source[] = [];
    let nginxMs = 0;
    for (const file of nginxLoadableCorpusFiles().filter((f) => fs.existsSync(f))) {
      const run = nginxTest(nginx, file, 30_000);
      if (!run.ok) continue;
      loaded.push(read(file));
      nginxMs += run.ms;
    }
    figures.nginx = { bytes: total(loaded), files: loaded.length, mbPerSecond: mbPerSecond(total(loaded), nginxMs) };
    figures.oursOnNginxBytes = throughput(loaded, runs, parseOurs);
  }
  return figures;
}

export function parserBenchmark(options: { runs: number; largeBytes: number; nginx?: string }): ParserFigures {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'timeout-chain-bench-parser-'));
  try {
    const largeFile = path.join(dir, 'nginx.conf');
    fs.writeFileSync(largeFile, generateSingleFile(options.largeBytes));
    const large = read(largeFile);
    const small = { ...large, text: generateSingleFile(options.largeBytes / 10) };
    small.bytes = Buffer.byteLength(small.text);
    if (!parsePeer(large.text)) throw new Error('nginx-conf could not read the generated file');
    const largeOurs = median(timeRuns(options.runs, () => parseOurs([large]), warmup));
    const smallOurs = median(timeRuns(options.runs * 3, () => parseOurs([small]), warmup * 3));
    const largeBoth = headToHead([large], options.runs);
    const figures: ParserFigures = {
      corpus: corpusFigures(options.runs, options.nginx),
      large: {
        ours: largeBoth.ours,
        peer: largeBoth.peer,
      },
      linearity: {
        smallBytes: small.bytes,
        largeBytes: large.bytes,
        timeRatio: ((largeOurs / smallOurs) * small.bytes * 10) / large.bytes,
      },
    };
    if (options.nginx) {
      const runs = Array.from({ length: options.runs }, () => nginxTest(options.nginx!, largeFile));
      const ok = runs.every((r) => r.ok);
      if (!ok) console.error(`nginx -T rejected the generated file: ${runs.find((r) => !r.ok)?.stderr}`);
      figures.large.nginx = { ok, bytes: large.bytes, files: 1, mbPerSecond: mbPerSecond(large.bytes, median(runs.map((r) => r.ms))) };
    }
    return figures;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
