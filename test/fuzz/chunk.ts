// Runs one chunk with fast-check: every input through runInput, a failure shrunk (for a bounded
// time, keeping only candidates that fail the same way), figures gathered for the report.
import * as fc from 'fast-check';
import type { FuzzInput } from './input';
import { kindNamed } from './kinds';
import { kb, slowMsPerKb, type Chunk, type ChunkFigures, type FoundFailure, type Timed } from './protocol';
import { runInput, type Beat, type Failure } from './run';
import { root } from '../support/memoryWorkspace';

export interface ChunkHooks {
  beat: (size: number, index: number, shrinking: boolean) => void;
  /** Called with each shrink candidate before it runs, so that a hang while shrinking has its input. */
  candidate?: (input: FuzzInput) => void;
  /** The first failure, before shrinking (the driver keeps it should the shrinking hang). */
  failing?: (found: FoundFailure) => void;
}

/** Same stage and first line, quoted text, paths and numbers left out: shrinking must keep the failure it started with. */
export function signature(failure: Failure): string {
  const line = failure.message
    .split('\n')[0]
    .split(root)
    .join('')
    .replace(/"(?:[^"\\]|\\.)*"/g, '"…"')
    .replace(/\/\S*/g, '<file>')
    .replace(/\d+/g, 'N');
  return `${failure.stage}: ${line.slice(0, 160)}`;
}

const maxSlowListed = 5;

export function runChunk(chunk: Chunk, hooks: ChunkHooks): { figures: ChunkFigures; found?: FoundFailure } {
  const figures: ChunkFigures = { tried: 0, ms: 0, bytes: 0, fixes: 0, slowCount: 0, slow: [] };
  let index = -1;
  let first: { failure: Failure; index: number; signature: string } | undefined;
  let shrinkStart = 0;
  let smallest: { input: FuzzInput; failure: Failure } | undefined;
  const property = fc.property(kindNamed(chunk.kind).arbitrary, (input) => {
    if (!first) {
      index++;
      if (index < chunk.skip) return true;
      const beat: Beat = (size) => hooks.beat(size, index, false);
      const outcome = runInput(input, beat);
      // A slow input is timed again: a cold JIT or a GC pause makes one run slow, not the input.
      if (!outcome.failure && outcome.ms / kb(outcome.size) > slowMsPerKb) outcome.ms = Math.min(outcome.ms, runInput(input, beat).ms);
      record(figures, outcome, { kind: chunk.kind, seed: chunk.seed, path: String(index), ms: outcome.ms, size: outcome.size });
      if (!outcome.failure) return true;
      first = { failure: outcome.failure, index, signature: signature(outcome.failure) };
      smallest = { input, failure: outcome.failure };
      shrinkStart = Date.now();
      hooks.failing?.({ kind: chunk.kind, seed: chunk.seed, path: String(index), index, failure: outcome.failure, input });
      return false;
    }
    // Shrinking: past the budget every candidate passes, which ends it with the smallest so far.
    if (Date.now() - shrinkStart > chunk.shrinkMs) return true;
    hooks.candidate?.(input);
    const outcome = runInput(input, (size) => hooks.beat(size, first!.index, true));
    if (!outcome.failure || signature(outcome.failure) !== first.signature) return true;
    smallest = { input, failure: outcome.failure };
    return false;
  });
  const timeLimit = chunk.deadline > 0 ? Math.max(1, chunk.deadline - Date.now()) : undefined;
  const details = fc.check(property, { seed: chunk.seed, numRuns: chunk.numRuns, interruptAfterTimeLimit: timeLimit });
  if (!details.failed || !first || !smallest) return { figures };
  const path = details.counterexamplePath ?? String(first.index);
  return {
    figures,
    found: { kind: chunk.kind, seed: chunk.seed, path, index: first.index, failure: smallest.failure, input: smallest.input },
  };
}

function record(figures: ChunkFigures, outcome: { ms: number; size: number; fixesApplied: number }, timed: Timed): void {
  figures.tried++;
  figures.ms += outcome.ms;
  figures.bytes += outcome.size;
  figures.fixes += outcome.fixesApplied;
  const msPerKb = outcome.ms / kb(outcome.size);
  if (!figures.worst || msPerKb > figures.worst.ms / kb(figures.worst.size)) figures.worst = timed;
  if (msPerKb > slowMsPerKb) {
    figures.slowCount++;
    if (figures.slow.length < maxSlowListed) figures.slow.push(timed);
  }
}

/** The input a chunk's run `index` was: generated again from the seed, not run. */
export function regenerate(kind: string, seed: number, path: string): FuzzInput | undefined {
  let value: FuzzInput | undefined;
  fc.check(
    fc.property(kindNamed(kind).arbitrary, (input) => {
      value ??= input;
      return true;
    }),
    { seed, path, numRuns: 1 },
  );
  return value;
}
