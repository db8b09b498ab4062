// The printed report of a fuzz run.
import { describe } from './input';
import type { FuzzInput } from './input';
import type { FailureGroup, KindFigures, Summary } from './driver';
import { kb, type Place, type Timed } from './protocol';

export const replayCommand = (p: Place) => `node out/test/fuzz/main.js --replay ${p.kind}:${p.seed}:${p.path}`;

const msPerKb = (t: Timed) => t.ms / kb(t.size);

function row(name: string, f: KindFigures): string {
  const worst = f.worst ? msPerKb(f.worst).toFixed(2) : '-';
  return `  ${name.padEnd(14)} ${String(f.tried).padStart(9)} ${String(f.throws).padStart(7)} ${String(f.violations).padStart(10)} ${String(f.hangs).padStart(6)} ${String(f.slowCount).padStart(6)} ${worst.padStart(11)} ${String(f.fixes).padStart(8)}`;
}

function group(g: FailureGroup): string[] {
  return [
    `  ${g.how.toUpperCase()} x${g.count} (${[...g.kinds].join(', ')}): ${g.signature}`,
    ...g.first.failure.message
      .split('\n')
      .slice(1, 6)
      .map((line) => `      ${line.trim()}`),
    `    reproduce: ${replayCommand(g.first)}   (or --input ${g.file})`,
    `    the smallest ${g.how === 'hang' ? 'input' : 'shrunk input'}, ${g.first.kind} (files also in ${g.file.replace(/\.json$/, '/')}):`,
    describe(g.first.input as FuzzInput, 300).replace(/^/gm, '    '),
  ];
}

export function report(s: Summary): string {
  const o = s.options;
  const lines = [
    `timeout-chain fuzz: seed ${o.seed}, ${s.total.tried} inputs in ${s.seconds.toFixed(1)} s on ${o.workers} worker(s) (${(s.total.tried / Math.max(s.seconds, 0.001)).toFixed(0)} inputs/s, ${(s.total.bytes / 1e6).toFixed(1)} MB)`,
    '',
    `  ${'kind'.padEnd(14)} ${'inputs'.padStart(9)} ${'throws'.padStart(7)} ${'violations'.padStart(10)} ${'hangs'.padStart(6)} ${'slow'.padStart(6)} ${'worst ms/KB'.padStart(11)} ${'fixes'.padStart(8)}`,
    ...[...s.byKind.entries()].sort((a, b) => a[0].localeCompare(b[0])).map(([k, f]) => row(k, f)),
    row('total', s.total),
    '',
    'throws: exceptions out of the analysis, and internal errors; violations: ranges outside their file, overlapping or',
    'non-numeric fix edits; hangs: an analysis over 3 s + 30 ms/KB, or a worker that died; slow: over 1 s per 100 KB',
    '(inputs under 10 KB count as 10 KB, here and in ms/KB).',
  ];
  if (s.worst)
    lines.push(
      '',
      `worst: ${msPerKb(s.worst).toFixed(2)} ms/KB (${s.worst.ms.toFixed(1)} ms on ${s.worst.size} chars, ${s.worst.kind}): ${replayCommand(s.worst)}`,
    );
  if (s.slow.length > 0)
    lines.push(
      '',
      `slow inputs (${s.total.slowCount}), the first ${s.slow.length}:`,
      ...s.slow.map((t) => `  ${t.ms.toFixed(0)} ms on ${t.size} chars (${msPerKb(t).toFixed(1)} ms/KB): ${replayCommand(t)}`),
    );
  if (s.groups.length > 0) {
    lines.push(
      '',
      `FAILURES: ${s.groups.length} distinct (${s.total.throws} throws, ${s.total.violations} violations, ${s.total.hangs} hangs); cases written under ${o.outDir}`,
    );
    for (const g of s.groups) lines.push('', ...group(g));
  }
  const stopped = [...s.byKind.entries()]
    .filter(([, f]) => o.maxFailuresPerKind > 0 && f.throws + f.violations + f.hangs >= o.maxFailuresPerKind)
    .map(([k]) => k);
  if (stopped.length > 0) lines.push('', `stopped after ${o.maxFailuresPerKind} failures (--max-failures): ${stopped.join(', ')}`);
  return lines.join('\n');
}
