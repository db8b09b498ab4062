// Worker threads with a watchdog. Each worker runs chunks and writes a heartbeat before every
// analysis; an analysis over its time limit (or a worker that dies: out of memory, a crash) is
// reported as a hang with its input, the worker is replaced, and the chunk goes on after it.
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { FuzzInput } from './input';
import { regenerate, signature } from './chunk';
import {
  beatLength,
  beatSlots,
  hangLimitMs,
  stackSizeMb,
  type Chunk,
  type ChunkFigures,
  type FoundFailure,
  type FromWorker,
} from './protocol';

export type How = 'throw' | 'hang';

export interface PoolEvents {
  figures(chunk: Chunk, figures: ChunkFigures): void;
  failure(found: FoundFailure, how: How): void;
  /** Whether a kind has failed often enough that its remaining chunks are dropped. */
  stopped(kind: string): boolean;
}

interface Slot {
  worker: Worker;
  beat: Float64Array;
  chunk?: Chunk;
  provisional?: FoundFailure;
  candidate?: FuzzInput;
}

/** `workerFile`: the worker script (a test puts one that hangs in its place). */
export function runPool(
  chunks: Chunk[],
  workers: number,
  events: PoolEvents,
  workerFile = path.join(__dirname, 'worker.js'),
): Promise<void> {
  const queue = [...chunks];
  const slots = new Set<Slot>();
  return new Promise((resolve, reject) => {
    const watchdog = setInterval(() => {
      for (const slot of slots) {
        const started = slot.beat[beatSlots.startedAt];
        const limit = hangLimitMs(slot.beat[beatSlots.size]);
        if (slot.chunk && started > 0 && Date.now() - started > limit) fail(slot, `no answer after ${Math.round(limit / 1000)} s`);
      }
    }, 200);

    const finish = () => {
      if (slots.size > 0 || queue.length > 0) return;
      clearInterval(watchdog);
      resolve();
    };

    const next = (slot: Slot) => {
      let chunk = queue.shift();
      while (chunk && (events.stopped(chunk.kind) || (chunk.deadline > 0 && Date.now() >= chunk.deadline))) chunk = queue.shift();
      if (!chunk) {
        slots.delete(slot);
        void slot.worker.terminate();
        finish();
        return;
      }
      slot.chunk = chunk;
      slot.provisional = undefined;
      slot.beat[beatSlots.startedAt] = 0;
      slot.worker.postMessage(chunk);
    };

    /** The rest of a chunk after the input at `index`, first in line. */
    const resume = (chunk: Chunk, index: number) => {
      if (index + 1 < chunk.numRuns && !events.stopped(chunk.kind)) queue.unshift({ ...chunk, skip: index + 1 });
    };

    /** A hang or a dead worker: report the input it was on, replace the worker, go on after the input. */
    const fail = (slot: Slot, why: string) => {
      const chunk = slot.chunk!;
      slots.delete(slot);
      void slot.worker.terminate();
      const size = slot.beat[beatSlots.size];
      const shrinking = slot.beat[beatSlots.shrinking] === 1 && slot.provisional;
      if (slot.provisional) events.failure(slot.provisional, 'throw');
      const index = shrinking ? slot.provisional!.index : slot.beat[beatSlots.index];
      const input = shrinking ? slot.candidate : regenerate(chunk.kind, chunk.seed, String(index));
      const message = `${why} on an input of ${size} chars${shrinking ? ` while shrinking ${signature(slot.provisional!.failure)}` : ''}`;
      events.failure(
        {
          kind: chunk.kind,
          seed: chunk.seed,
          path: String(index),
          index,
          failure: { stage: 'hang', message },
          input: input ?? { kind: chunk.kind, files: {} },
        },
        'hang',
      );
      resume(chunk, index);
      start();
    };

    /** A worker that cannot even start: the harness is broken, not the product. */
    const broken = (error: Error) => {
      clearInterval(watchdog);
      for (const slot of slots) void slot.worker.terminate();
      slots.clear();
      reject(error);
    };

    const start = () => {
      const beat = new Float64Array(new SharedArrayBuffer(beatLength * Float64Array.BYTES_PER_ELEMENT));
      const worker = new Worker(workerFile, {
        workerData: { beat: beat.buffer },
        resourceLimits: { stackSizeMb, maxOldGenerationSizeMb: 4096 },
      });
      const slot: Slot = { worker, beat };
      slots.add(slot);
      worker.on('message', (message: FromWorker) => {
        if (message.type === 'ready') next(slot);
        else if (message.type === 'candidate') slot.candidate = message.input;
        else if (message.type === 'failing') slot.provisional = message.found;
        else if (message.type === 'failure') {
          slot.provisional = undefined;
          events.failure(message.found, 'throw');
        } else {
          events.figures(slot.chunk!, message.figures);
          if (message.failedAt !== undefined) resume(slot.chunk!, message.failedAt);
          next(slot);
        }
      });
      worker.on('error', (error) => {
        if (slots.has(slot) && slot.chunk) fail(slot, `the worker died (${error.message.split('\n')[0]})`);
        else if (slots.has(slot)) broken(error);
      });
      worker.on('exit', () => {
        if (slots.has(slot) && slot.chunk) fail(slot, 'the worker exited');
        else if (slots.has(slot)) broken(new Error('a fuzz worker exited before it was ready'));
      });
    };

    for (let i = 0; i < Math.max(1, workers); i++) start();
  });
}
