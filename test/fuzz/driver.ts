// A fuzz run: chunks planned by kind share, run on worker threads, failures grouped and written
// under a folder of /tmp with what reproduces them.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { signature } from './chunk';
import { sizeOf, type FuzzInput } from './input';
import { kinds, kindNamed, type Kind } from './kinds';
import { runPool, type How } from './pool';
import { kb, type Chunk, type ChunkFigures, type FoundFailure, type Timed } from './protocol';

export interface FuzzOptions {
  runs: number;
  seed: number;
  kinds?: string[];
  workers: number;
  /** Wall-time limit in seconds (0: none): no chunk starts, and running ones stop, after it. */
  maxSeconds: number;
  /** Failures of one kind after which its remaining chunks are dropped (0: never). */
  maxFailuresPerKind: number;
  shrinkMs: number;
  outDir: string;
  /** Called now and then with the figures so far (a long run says where it is). */
  progress?: (total: KindFigures, seconds: number) => void;
}

export interface KindFigures extends ChunkFigures {
  throws: number;
  violations: number;
  hangs: number;
}

export interface FailureGroup {
  signature: string;
  how: How | 'violation';
  count: number;
  kinds: Set<string>;
  /** The smallest input that failed this way, and where it is written. */
  first: FoundFailure;
  file: string;
}

export interface Summary {
  options: FuzzOptions;
  seconds: number;
  byKind: Map<string, KindFigures>;
  total: KindFigures;
  groups: FailureGroup[];
  slow: Timed[];
  worst?: Timed;
}

/** A 32-bit seed per chunk from the run's seed, the kind and the chunk's number. */
function chunkSeed(seed: number, kindIndex: number, chunk: number): number {
  let h = (seed ^ 0x9e3779b9) >>> 0;
  for (const v of [kindIndex, chunk]) {
    h = Math.imul(h ^ v, 0x85ebca6b) >>> 0;
    h = (h ^ (h >>> 13)) >>> 0;
  }
  return h | 0;
}

/** Each kind's share of the runs in chunks, interleaved so that every kind moves along together. */
export function plan(options: FuzzOptions, deadline: number): Chunk[] {
  const chosen: Kind[] = options.kinds ? options.kinds.map(kindNamed) : kinds;
  const totalWeight = chosen.reduce((sum, k) => sum + k.weight, 0);
  const placed: { order: number; chunk: Chunk }[] = [];
  let id = 0;
  for (const kind of chosen) {
    const share = Math.max(1, Math.round((options.runs * kind.weight) / totalWeight));
    const count = Math.ceil(share / kind.chunk);
    for (let c = 0; c < count; c++) {
      const numRuns = Math.min(kind.chunk, share - c * kind.chunk);
      placed.push({
        order: (c + 0.5) / count,
        chunk: {
          id: id++,
          kind: kind.name,
          seed: chunkSeed(options.seed, kinds.indexOf(kind), c),
          numRuns,
          skip: 0,
          deadline,
          shrinkMs: options.shrinkMs,
        },
      });
    }
  }
  return placed.sort((a, b) => a.order - b.order).map((p) => p.chunk);
}

const emptyFigures = (): KindFigures => ({
  tried: 0,
  ms: 0,
  bytes: 0,
  fixes: 0,
  slowCount: 0,
  slow: [],
  throws: 0,
  violations: 0,
  hangs: 0,
});

function add(into: KindFigures, f: ChunkFigures): void {
  into.tried += f.tried;
  into.ms += f.ms;
  into.bytes += f.bytes;
  into.fixes += f.fixes;
  into.slowCount += f.slowCount;
  into.slow.push(...f.slow.slice(0, Math.max(0, 10 - into.slow.length)));
  if (f.worst && (!into.worst || f.worst.ms / kb(f.worst.size) > into.worst.ms / kb(into.worst.size))) into.worst = f.worst;
}

/** Bad ranges and bad fix edits break a property without an exception. */
function classOf(found: FoundFailure, how: How): How | 'violation' {
  return how === 'hang' ? 'hang' : /range|^fix-edit|^fix-text/.test(found.failure.stage) ? 'violation' : 'throw';
}

/** The case as JSON, and its files in a folder beside it for `timeout-chain check`. */
function writeCase(outDir: string, name: string, found: FoundFailure): string {
  const file = path.join(outDir, `${name}.json`);
  fs.mkdirSync(outDir, { recursive: true });
  fs.writeFileSync(file, JSON.stringify(found, null, 1) + '\n');
  const folder = path.join(outDir, name);
  fs.rmSync(folder, { recursive: true, force: true });
  for (const [rel, text] of Object.entries((found.input as FuzzInput).files)) {
    const target = path.resolve(folder, rel);
    if (!target.startsWith(folder + path.sep)) continue;
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, text);
  }
  return file;
}

export async function runFuzz(options: FuzzOptions): Promise<Summary> {
  const started = Date.now();
  const deadline = options.maxSeconds > 0 ? started + options.maxSeconds * 1000 : 0;
  const byKind = new Map<string, KindFigures>();
  const figuresOf = (kind: string) => byKind.get(kind) ?? byKind.set(kind, emptyFigures()).get(kind)!;
  const groups = new Map<string, FailureGroup>();
  const totals = () => {
    const total = emptyFigures();
    for (const f of byKind.values()) {
      add(total, f);
      total.throws += f.throws;
      total.violations += f.violations;
      total.hangs += f.hangs;
    }
    return total;
  };
  const ticker = options.progress && setInterval(() => options.progress!(totals(), (Date.now() - started) / 1000), 30_000);
  await runPool(plan(options, deadline), options.workers, {
    figures: (chunk, figures) => add(figuresOf(chunk.kind), figures),
    failure: (found, how) => {
      const figures = figuresOf(found.kind);
      const cls = classOf(found, how);
      if (cls === 'hang') {
        figures.hangs++;
        figures.tried++; // the rest of its chunk's figures died with the worker
      } else if (cls === 'violation') figures.violations++;
      else figures.throws++;
      const key = `${cls} ${signature(found.failure)}`;
      const group = groups.get(key);
      if (!group) {
        groups.set(key, {
          signature: signature(found.failure),
          how: cls,
          count: 1,
          kinds: new Set([found.kind]),
          first: found,
          file: writeCase(options.outDir, `${cls}-${groups.size + 1}`, found),
        });
        return;
      }
      group.count++;
      group.kinds.add(found.kind);
      if (sizeOf(found.input) < sizeOf(group.first.input)) {
        group.first = found;
        writeCase(options.outDir, path.basename(group.file, '.json'), found);
      }
    },
    stopped: (kind) => {
      const f = byKind.get(kind);
      return options.maxFailuresPerKind > 0 && !!f && f.throws + f.violations + f.hangs >= options.maxFailuresPerKind;
    },
  });
  if (ticker) clearInterval(ticker);
  const total = totals();
  return {
    options,
    seconds: (Date.now() - started) / 1000,
    byKind,
    total,
    groups: [...groups.values()],
    slow: total.slow,
    worst: total.worst,
  };
}

export function defaultOutDir(seed: number): string {
  return path.join(os.tmpdir(), `timeout-chain-fuzz-${seed}`);
}
