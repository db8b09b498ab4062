// Messages between the fuzz driver and its workers, and the per-chunk figures they carry.
import type { FuzzInput } from './input';
import type { Failure } from './run';

/** A run of `numRuns` inputs of one kind from one seed; inputs before `skip` are generated, not run. */
export interface Chunk {
  id: number;
  kind: string;
  seed: number;
  numRuns: number;
  skip: number;
  /** Epoch ms after which the chunk stops (0: none). */
  deadline: number;
  /** How long a failure may be shrunk. */
  shrinkMs: number;
}

/** One input's place: replay it with `--replay kind:seed:index`. */
export interface Place {
  kind: string;
  seed: number;
  /** fast-check's counterexample path: the run index, then the shrink steps. */
  path: string;
}

export interface Timed extends Place {
  ms: number;
  size: number;
}

export interface ChunkFigures {
  tried: number;
  ms: number;
  bytes: number;
  fixes: number;
  /** Inputs over 1 s per 100 KB (sizes below 10 KB count as 10 KB), the first few of them. */
  slowCount: number;
  slow: Timed[];
  worst?: Timed;
}

export interface FoundFailure extends Place {
  failure: Failure;
  /** The shrunk input (or, for a hang, the input that hung). */
  input: FuzzInput;
  /** Run index of the first failing input. */
  index: number;
}

export type FromWorker =
  | { type: 'ready' }
  | { type: 'candidate'; chunk: number; input: FuzzInput }
  /** The first failure of a chunk, before shrinking. */
  | { type: 'failing'; chunk: number; found: FoundFailure }
  /** The same failure, shrunk. */
  | { type: 'failure'; chunk: number; found: FoundFailure }
  | { type: 'done'; chunk: number; figures: ChunkFigures; failedAt?: number };

/** Heartbeat slots in the shared buffer: written before each analysis, read by the watchdog. */
export const beatSlots = { startedAt: 0, size: 1, chunk: 2, index: 3, shrinking: 4 } as const;
export const beatLength = 5;

/** The main thread's stack (V8's 984 KB) plus the 192 KB Node keeps back: recursion overflows where the CLI's would. */
export const stackSizeMb = (984 + 192) / 1024;

/** Inputs under 10 KB count as 10 KB: a GC pause on a tiny input says nothing about the parser. */
export const floorKb = 10;
/** Over 1 s per 100 KB is slow. */
export const slowMsPerKb = 10;

export function kb(size: number): number {
  return Math.max(size / 1024, floorKb);
}

/** An analysis taking longer than this has hung: three times the slow budget, plus 3 s. */
export function hangLimitMs(size: number): number {
  return 3000 + 3 * slowMsPerKb * kb(size);
}
