// The printed table and the target lines, from the figures main.ts collected.
import type { ColdFigures } from './cold';
import type { IncrementalFigures } from './incremental';
import type { JavaFigures } from './javaBench';
import type { ParserFigures, Throughput } from './parser';
import { pathologicalLines, pathologicalTargets, type PathologicalFigures } from './pathological';
import { atLeast, atMost, fmt, type TargetResult } from './stats';

export interface AnalysisVsNginx {
  mb: number;
  nginxFiles: number;
  cliMs: number;
  nginxMs: number;
  nginxOk: boolean;
}

export interface Figures {
  machine: { cpus: number; cpu: string; memoryGb: number; node: string; nginx?: string };
  parser?: ParserFigures;
  analysisVsNginx?: AnalysisVsNginx;
  cold: Record<string, ColdFigures>;
  corpusCold?: ColdFigures;
  incremental: Record<string, IncrementalFigures>;
  pathological?: PathologicalFigures[];
  java?: JavaFigures;
  skipped: string[];
  targets: TargetResult[];
}

const mbs = (t: Throughput | undefined) => (t ? `${fmt(t.mbPerSecond)} MB/s (${fmt(t.bytes / 1e6)} MB, ${t.files} files)` : 'SKIPPED');

function parserLines(p: ParserFigures): string[] {
  const lines = ['Parser throughput (median)'];
  if (p.corpus) {
    const c = p.corpus;
    lines.push(`  corpus, all files          this parser ${mbs(c.ours)}`);
    lines.push(
      `  corpus, nginx-conf reads   this parser ${mbs(c.oursOnPeerBytes)}   nginx-conf ${mbs(c.peer)}   ratio ${fmt(c.oursOnPeerBytes.mbPerSecond / c.peer.mbPerSecond)}x`,
    );
    if (c.nginx && c.oursOnNginxBytes)
      lines.push(
        `  corpus, nginx -T loads     this parser ${mbs(c.oursOnNginxBytes)}   nginx -T ${mbs(c.nginx)} (one process per file)   ratio ${fmt(c.oursOnNginxBytes.mbPerSecond / c.nginx.mbPerSecond)}x`,
      );
  } else lines.push('  corpus: SKIPPED (no corpus)');
  const l = p.large;
  lines.push(
    `  generated file             this parser ${mbs(l.ours)}   nginx-conf ${mbs(l.peer)}   ratio ${fmt(l.ours.mbPerSecond / l.peer.mbPerSecond)}x`,
  );
  if (l.nginx)
    lines.push(
      `  generated file             nginx -T ${mbs(l.nginx)}${l.nginx.ok ? '' : ' (REJECTED by nginx)'}   ratio ${fmt(l.ours.mbPerSecond / l.nginx.mbPerSecond)}x`,
    );
  lines.push(
    `  linearity                  ${fmt(p.linearity.largeBytes / 1e6)} MB takes ${fmt(p.linearity.timeRatio)}x the time of a tenth of it`,
  );
  return lines;
}

function coldLine(name: string, c: ColdFigures): string {
  const agree =
    c.cliFilesWithFindings === c.lspFilesWithDiagnostics
      ? ''
      : `   MISMATCH: CLI ${c.cliFilesWithFindings} files with findings, server ${c.lspFilesWithDiagnostics}`;
  return `  ${name.padEnd(14)} CLI ${fmt(c.cliMs).padStart(6)} ms ${fmt(c.cliPeakMb).padStart(5)} MB   server ${fmt(c.lspMs).padStart(6)} ms ${fmt(c.lspPeakMb).padStart(5)} MB   ${c.findings} findings in ${c.cliFilesWithFindings} files (median of ${c.runs})${agree}`;
}

function incrementalLines(name: string, f: IncrementalFigures): string[] {
  const lines = [
    `  ${name} files: ${f.edits} edits, all kinds p50 ${fmt(f.p50Ms)} ms, p95 ${fmt(f.p95Ms)} ms; publishes to files the edit cannot affect: ${f.strayPublishes} (${f.editsWithStrays} of ${f.edits} edits had any)`,
  ];
  for (const [kind, k] of Object.entries(f.byKind))
    lines.push(
      `    ${kind.padEnd(28)} p50 ${fmt(k.p50Ms).padStart(6)} ms  p95 ${fmt(k.p95Ms).padStart(6)} ms  (${k.measured}/${k.edits} timed)`,
    );
  if (f.wide)
    lines.push(
      `    not in the target: an edit changing every location (the shared snippet's Connection "" made close, and back): ${f.wide.files} files re-published in ${f.wide.msEach.map((ms) => fmt(ms)).join(' / ')} ms`,
    );
  for (const failure of f.failures.slice(0, 10)) lines.push(`    FAILED: ${failure}`);
  if (f.failures.length > 10) lines.push(`    ... and ${f.failures.length - 10} more failures`);
  return lines;
}

function javaLines(j: JavaFigures): string[] {
  const c = j.cold;
  const lines = [
    `Java monorepo: ${j.files} files (${j.javaSources} .java, ${j.otherSources} TypeScript, JavaScript, Python and Go), ${j.applications} Spring Boot applications behind nginx, ${j.racingApplications} racing`,
    coldLine('cold', c),
    `    ${c.links} upstream servers linked; ${c.wrongAnswers?.length ? `WRONG ANSWER in some run:` : 'every run found exactly the planted races (CLI and server)'}`,
  ];
  for (const wrong of (c.wrongAnswers ?? []).slice(0, 10)) lines.push(`    WRONG: ${wrong}`);
  const e = j.edits;
  if (e) {
    lines.push(
      `  ${e.edits} edits; race-flipping application.yml edits p50 ${fmt(e.raceP50Ms)} ms, p95 ${fmt(e.raceP95Ms)} ms; publishes to files the edit cannot affect: ${e.strayPublishes} (${e.editsWithStrays} edits had any)`,
    );
    for (const [kind, k] of Object.entries(e.byKind))
      lines.push(
        `    ${kind.padEnd(40)} p50 ${fmt(k.p50Ms).padStart(6)} ms  p95 ${fmt(k.p95Ms).padStart(6)} ms  (${k.measured}/${k.edits} timed)`,
      );
    for (const failure of e.failures.slice(0, 10)) lines.push(`    FAILED: ${failure}`);
    if (e.failures.length > 10) lines.push(`    ... and ${e.failures.length - 10} more failures`);
  }
  return lines;
}

function javaTargets(j: JavaFigures): TargetResult[] {
  const targets: TargetResult[] = [];
  const size = j.files.toLocaleString('en-US');
  if (j.files >= 10_000) {
    targets.push(atMost(`cold Java monorepo ${size} files <= 2 s, CLI`, j.cold.cliMs, 2000, 'ms'));
    targets.push(atMost(`cold Java monorepo ${size} files <= 2 s, server`, j.cold.lspMs, 2000, 'ms'));
    targets.push(atMost(`peak memory Java monorepo ${size} files <= 300 MB, CLI`, j.cold.cliPeakMb, 300, 'MB'));
    targets.push(atMost(`peak memory Java monorepo ${size} files <= 300 MB, server`, j.cold.lspPeakMb, 300, 'MB'));
    if (j.edits)
      targets.push(atMost(`application.yml edit -> published p95 <= 20 ms, Java monorepo ${size} files`, j.edits.raceP95Ms, 20, 'ms'));
  }
  targets.push(
    atMost('Java monorepo: runs whose findings differ from the planted races', j.cold.wrongAnswers?.length ?? NaN, 0, 'differences'),
  );
  if (j.edits) targets.push(atMost('Java monorepo: edits whose diagnostics were wrong or late', j.edits.failures.length, 0, 'failures'));
  return targets;
}

export function targetsOf(f: Figures, largestSize: string): TargetResult[] {
  const targets: TargetResult[] = [];
  if (f.parser) {
    const p = f.parser;
    targets.push(
      atLeast('parser >= 5x nginx-conf throughput, generated file', p.large.ours.mbPerSecond / p.large.peer.mbPerSecond, 5, 'x'),
    );
    if (p.corpus)
      targets.push(
        atLeast('parser >= 5x nginx-conf throughput, corpus', p.corpus.oursOnPeerBytes.mbPerSecond / p.corpus.peer.mbPerSecond, 5, 'x'),
      );
    targets.push(atMost('parser linear: 10x the size takes <= 13x the time', p.linearity.timeRatio, 13, 'x'));
  }
  const a = f.analysisVsNginx;
  if (a)
    targets.push(
      atLeast(`full analysis (CLI) of a ${fmt(a.mb)} MB config >= 10x faster than nginx -T loading it`, a.nginxMs / a.cliMs, 10, 'x'),
    );
  const big = f.cold[largestSize];
  if (big && largestSize === '10000') {
    targets.push(atMost('cold 10,000 files <= 2 s, CLI', big.cliMs, 2000, 'ms'));
    targets.push(atMost('cold 10,000 files <= 2 s, server', big.lspMs, 2000, 'ms'));
    targets.push(atMost('peak memory 10,000 files <= 300 MB, CLI', big.cliPeakMb, 300, 'MB'));
    targets.push(atMost('peak memory 10,000 files <= 300 MB, server', big.lspPeakMb, 300, 'MB'));
  }
  if (f.corpusCold) {
    targets.push(atMost('corpus cold <= 0.5 s, CLI', f.corpusCold.cliMs, 500, 'ms'));
    targets.push(atMost('corpus cold <= 0.5 s, server', f.corpusCold.lspMs, 500, 'ms'));
  }
  const edits = f.incremental['10000'];
  if (edits) {
    targets.push(atMost('edit -> published p95 <= 20 ms at 10,000 files', edits.p95Ms, 20, 'ms'));
    targets.push(atMost('no publishes to files an edit cannot affect, 10,000 files', edits.strayPublishes, 0, 'publishes'));
  }
  if (f.java) targets.push(...javaTargets(f.java));
  if (f.pathological) targets.push(...pathologicalTargets(f.pathological));
  return targets;
}

export function table(f: Figures): string {
  const m = f.machine;
  const lines = [`timeout-chain benchmark on ${m.cpus} x ${m.cpu}, ${fmt(m.memoryGb)} GB, Node ${m.node}, ${m.nginx ?? 'no nginx'}`, ''];
  if (f.parser) lines.push(...parserLines(f.parser), '');
  const a = f.analysisVsNginx;
  if (a)
    lines.push(
      `Full analysis vs nginx -T (${fmt(a.mb)} MB in ${a.nginxFiles} nginx files, median)`,
      `  CLI ${fmt(a.cliMs)} ms   nginx -T ${fmt(a.nginxMs)} ms${a.nginxOk ? '' : ' (REJECTED by nginx)'}   ratio ${fmt(a.nginxMs / a.cliMs)}x`,
      '',
    );
  // BENCH_ONLY=java takes none of the nginx workspaces' figures.
  if (Object.keys(f.cold).length > 0) {
    lines.push('Cold analysis, start to all diagnostics (peak RSS)');
    for (const [size, c] of Object.entries(f.cold)) lines.push(coldLine(`${size} files`, c));
    lines.push(f.corpusCold ? coldLine('corpus', f.corpusCold) : '  corpus: SKIPPED (no corpus)', '');
    lines.push('Incremental, didChange to the last affected publishDiagnostics');
    for (const [size, inc] of Object.entries(f.incremental)) lines.push(...incrementalLines(size, inc));
    lines.push('');
  }
  if (f.java) lines.push(...javaLines(f.java), '');
  if (f.pathological) lines.push(...pathologicalLines(f.pathological), '');
  for (const skipped of f.skipped) lines.push(`SKIPPED: ${skipped}`);
  lines.push('Targets');
  for (const t of f.targets) lines.push(`  ${t.target}: ${t.measured}${t.met ? '' : `, ${t.shortfall}`} -- ${t.met ? 'met' : 'missed'}`);
  return lines.join('\n');
}
