// `npm run fuzz -- --runs N [--seed S] [--kind K[,K...]] [--workers W] [--max-seconds T]` (after a
// build: it runs out/test/fuzz/main.js). Prints inputs per kind, throws, violations and hangs with
// what reproduces them, slow inputs and the worst ms per KB; exits 1 on any failure or hang.
// `--replay kind:seed:path` runs one input again in this process; `--input FILE` runs a saved case.
import * as fs from 'node:fs';
import { regenerate } from './chunk';
import { defaultOutDir, runFuzz, type FuzzOptions } from './driver';
import { describe, type FuzzInput } from './input';
import { kindNamed, kinds } from './kinds';
import { report } from './report';
import { runInput } from './run';

const usage = `usage: node out/test/fuzz/main.js [--runs N] [--seed S] [--kind K[,K...]] [--workers W] [--max-seconds T]
       [--max-failures F] [--shrink-seconds T] [--out DIR] | --replay KIND:SEED:PATH | --input FILE
kinds: ${kinds.map((k) => `${k.name} (${k.describe})`).join('; ')}`;

function parse(argv: string[]): { options: FuzzOptions; replay?: string; input?: string } {
  const value = (name: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const number = (name: string, fallback: number) => {
    const v = value(name);
    if (v === undefined) return fallback;
    if (!/^-?\d+(\.\d+)?$/.test(v)) throw new Error(`${name} needs a number, not ${v}`);
    return Number(v);
  };
  const seed = number('--seed', Date.now() % 2 ** 31);
  const kindList = value('--kind')?.split(',');
  kindList?.forEach(kindNamed);
  const options: FuzzOptions = {
    runs: number('--runs', 10_000),
    seed,
    kinds: kindList,
    workers: number('--workers', 2),
    maxSeconds: number('--max-seconds', 0),
    maxFailuresPerKind: number('--max-failures', 20),
    shrinkMs: number('--shrink-seconds', 20) * 1000,
    outDir: value('--out') ?? defaultOutDir(seed),
    progress: (t, seconds) =>
      process.stderr.write(
        `[fuzz ${seconds.toFixed(0)} s] ${t.tried} inputs, ${t.throws} throws, ${t.violations} violations, ${t.hangs} hangs\n`,
      ),
  };
  return { options, replay: value('--replay'), input: value('--input') };
}

/** One input in this process (no watchdog: a hang shows as a hang), with what it breaks. */
function runOne(input: FuzzInput): number {
  process.stdout.write(`input:\n${describe(input, 1000)}\n`);
  const outcome = runInput(input);
  process.stdout.write(`${outcome.ms.toFixed(1)} ms, ${outcome.size} chars, ${outcome.fixesApplied} fixes applied\n`);
  if (!outcome.failure) return 0;
  process.stdout.write(`FAILED at ${outcome.failure.stage}:\n${outcome.failure.message}\n`);
  return 1;
}

async function main(): Promise<number> {
  const { options, replay, input } = parse(process.argv.slice(2));
  if (input) return runOne((JSON.parse(fs.readFileSync(input, 'utf8')) as { input: FuzzInput }).input);
  if (replay) {
    const [kind, seed, ...path] = replay.split(':');
    kindNamed(kind);
    const found = regenerate(kind, Number(seed), path.join(':'));
    if (!found) throw new Error(`no input at ${replay}`);
    return runOne(found);
  }
  const summary = await runFuzz(options);
  process.stdout.write(report(summary) + '\n');
  return summary.total.throws + summary.total.violations + summary.total.hangs > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    process.stderr.write(`${error.message}\n${usage}\n`);
    process.exit(2);
  },
);
