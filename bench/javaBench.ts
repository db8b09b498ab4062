// The Java monorepo's figures: cold analysis (CLI and server) checked against the races the
// generator planted, and edits of application.yml that make a race appear or disappear, timed
// from didChange to the last publish they must cause, as bench/incremental.ts times nginx edits.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { coldBenchmark, type AnswerCheck, type CodesByFile, type ColdFigures } from './cold';
import { applyEdit, hasCode, lacksCode, uriOf, type Edit, type KindFigures, type Signals } from './incremental';
import { removeWorkspace } from './generate';
import { generateJavaMonorepo, javaUpstreamKeepaliveSeconds, type JavaMonorepo, type JavaService } from './javaMonorepo';
import { LspSession } from './lspSession';
import { percentile } from './stats';

/** Edits that flip a race (the target), then edits that must change no diagnostic. */
export const javaRaceEditKinds = [
  'application.yml keep-alive-timeout',
  'application.yml connection-timeout',
  'profile file keep-alive-timeout',
] as const;
export const javaQuietEditKinds = ['hikari connection-timeout (look-alike)', 'ordinary Java source'] as const;
type JavaEditKind = (typeof javaRaceEditKinds)[number] | (typeof javaQuietEditKinds)[number];

export interface JavaFigures {
  files: number;
  javaSources: number;
  otherSources: number;
  applications: number;
  racingApplications: number;
  cold: ColdFigures;
  edits?: {
    edits: number;
    /** Over the race-flipping application.yml edits: the figure the edit target is held to. */
    raceP50Ms: number;
    raceP95Ms: number;
    byKind: Record<JavaEditKind, KindFigures>;
    strayPublishes: number;
    editsWithStrays: number;
    failures: string[];
  };
}

const relative = (repo: JavaMonorepo, file: string) => path.relative(repo.root, file).split(path.sep).join('/');

/** One keepalive-race on each side of every racing service, and nothing else anywhere. */
export function expectedCodes(repo: JavaMonorepo): CodesByFile {
  const expected: CodesByFile = {};
  for (const s of repo.services.filter((s) => s.racing))
    for (const file of [s.upstreamFile, s.decidingFile]) expected[relative(repo, file)] = ['keepalive-race'];
  return expected;
}

function differences(who: string, seen: CodesByFile, expected: CodesByFile): string[] {
  const files = [...new Set([...Object.keys(seen), ...Object.keys(expected)])].sort();
  return files
    .filter((f) => (seen[f] ?? []).join() !== (expected[f] ?? []).join())
    .map((f) => `${who}: ${f} has [${(seen[f] ?? []).join(', ')}], expected [${(expected[f] ?? []).join(', ')}]`);
}

export function answerCheck(repo: JavaMonorepo): AnswerCheck {
  const expected = expectedCodes(repo);
  return (cli, lsp) => [
    ...(cli.links === repo.services.length ? [] : [`CLI: ${cli.links} links, expected ${repo.services.length}`]),
    ...differences('CLI', cli.codesByFile, expected),
    ...differences('server', lsp.codesByFile, expected),
  ];
}

/** Plans edits over the current texts; each race edit flips its service between racing and safe. */
class JavaEditPlanner {
  private readonly racing = new Map<JavaService, boolean>();

  constructor(
    private readonly repo: JavaMonorepo,
    private readonly texts: Map<string, string>,
  ) {
    for (const s of repo.services) this.racing.set(s, s.racing);
  }

  private service(name: string): JavaService {
    return this.repo.services.find((s) => s.name === name)!;
  }

  /** Services whose application.yml keep-alive-timeout decides (nothing in code or a profile overrides it). */
  private readonly keepAliveTargets = ['orders', 'catalog', 'search', 'notifications'];

  files(): string[] {
    const ymls = [...this.keepAliveTargets, 'payments'].map((n) => this.service(n).applicationYml);
    return [...ymls, this.service('inventory').profileYml!, ...this.repo.ordinarySources];
  }

  edit(kind: JavaEditKind, c: number): Edit {
    switch (kind) {
      case 'application.yml keep-alive-timeout':
        return this.raceEdit(
          kind,
          this.service(this.keepAliveTargets[c % this.keepAliveTargets.length]),
          'applicationYml',
          /^ {4}keep-alive-timeout: (\S+)$/m,
        );
      case 'application.yml connection-timeout':
        // Tomcat uses connectionTimeout for keep-alive too when keepAliveTimeout is unset.
        return this.raceEdit(kind, this.service('payments'), 'applicationYml', /^ {4}connection-timeout: (\S+)$/m);
      case 'profile file keep-alive-timeout':
        return this.raceEdit(kind, this.service('inventory'), 'profileYml', /^ {4}keep-alive-timeout: (\S+)$/m);
      case 'hikari connection-timeout (look-alike)': {
        const file = this.service(this.keepAliveTargets[c % this.keepAliveTargets.length]).applicationYml;
        return { ...this.groupEdit(kind, file, /^ {6}connection-timeout: (\d+)$/m, c % 2 === 0 ? 5000 : 3000), expected: [] };
      }
      case 'ordinary Java source': {
        const file = this.repo.ordinarySources[c % this.repo.ordinarySources.length];
        return { ...this.groupEdit(kind, file, /Duration\.ofMinutes\((\d+)\)/, 30 + (c % 7)), expected: [] };
      }
    }
  }

  private raceEdit(kind: JavaEditKind, s: JavaService, file: 'applicationYml' | 'profileYml', pattern: RegExp): Edit {
    const racing = !this.racing.get(s)!;
    // 30 s races nginx's 60 s; 90 s outlasts it.
    const value = racing ? '30s' : `${javaUpstreamKeepaliveSeconds + 30}s`;
    this.racing.set(s, racing);
    const holds = racing ? hasCode('keepalive-race') : lacksCode('keepalive-race');
    const edited = s[file]!;
    return {
      ...this.groupEdit(kind, edited, pattern, value),
      expected: [
        { uri: uriOf(s.upstreamFile), holds },
        { uri: uriOf(edited), holds },
      ],
    };
  }

  private groupEdit(kind: string, file: string, pattern: RegExp, text: string | number): Omit<Edit, 'expected'> {
    const match = pattern.exec(this.texts.get(file)!);
    if (!match) throw new Error(`${kind}: ${pattern} not found in ${file}`);
    const start = match.index + match[0].indexOf(match[1]);
    return { kind, file, start, end: start + match[1].length, text: String(text) };
  }
}

async function javaEditBenchmark(repo: JavaMonorepo, edits: number): Promise<NonNullable<JavaFigures['edits']>> {
  const kinds: JavaEditKind[] = [...javaRaceEditKinds, ...javaQuietEditKinds];
  const times = new Map<JavaEditKind, number[]>(kinds.map((k) => [k, []]));
  const counts = new Map<JavaEditKind, number>(kinds.map((k) => [k, 0]));
  const failures: string[] = [];
  const signals: Signals = { readyAfterEdits: true };
  let strayPublishes = 0;
  let editsWithStrays = 0;
  const session = new LspSession();
  try {
    await session.start(repo.root);
    await session.until('the first ready status', 300_000, () => session.readyTimes.length > 0);
    const texts = new Map<string, string>();
    const planner = new JavaEditPlanner(repo, texts);
    for (const file of planner.files()) {
      texts.set(file, fs.readFileSync(file, 'utf8'));
      await session.open(file);
    }
    const readyBefore = session.readyTimes.length;
    await session.until('the analysis after opening the edited files', 300_000, () => session.readyTimes.length > readyBefore);
    await session.quiet(300, 300_000);
    for (let done = 0, c = 0; done < edits; c++)
      for (const kind of kinds) {
        if (done++ >= edits) break;
        counts.set(kind, counts.get(kind)! + 1);
        try {
          const result = await applyEdit(session, texts, planner.edit(kind, c), signals);
          if (Number.isFinite(result.ms)) times.get(kind)!.push(result.ms);
          strayPublishes += result.strays;
          if (result.strays > 0) editsWithStrays++;
          if (result.failure) failures.push(result.failure);
        } catch (error) {
          failures.push((error as Error).message.slice(0, 500));
          if (/server exited/.test((error as Error).message)) throw error;
        }
      }
  } finally {
    await session.stop();
  }
  const race = javaRaceEditKinds.flatMap((k) => times.get(k)!);
  const byKind = Object.fromEntries(
    kinds.map((k) => [
      k,
      { edits: counts.get(k)!, measured: times.get(k)!.length, p50Ms: percentile(times.get(k)!, 50), p95Ms: percentile(times.get(k)!, 95) },
    ]),
  ) as Record<JavaEditKind, KindFigures>;
  return {
    edits,
    raceP50Ms: percentile(race, 50),
    raceP95Ms: percentile(race, 95),
    byKind,
    strayPublishes,
    editsWithStrays,
    failures,
  };
}

/** Generates the monorepo, takes the cold figures (`runs` runs) and, with `edits` > 0, the edit figures. */
export async function javaBenchmark(files: number, runs: number, edits: number, log: (message: string) => void): Promise<JavaFigures> {
  log(`generating a Java monorepo of ${files} files`);
  const repo = generateJavaMonorepo(files);
  try {
    log(`cold Java monorepo`);
    const cold = await coldBenchmark(repo.root, runs, answerCheck(repo));
    const figures: JavaFigures = {
      files: repo.files,
      javaSources: repo.javaSources,
      otherSources: repo.otherSources,
      applications: repo.services.length,
      racingApplications: repo.services.filter((s) => s.racing).length,
      cold,
    };
    if (edits > 0) {
      log(`incremental Java monorepo (${edits} edits)`);
      figures.edits = await javaEditBenchmark(repo, edits);
    }
    return figures;
  } finally {
    removeWorkspace(repo);
  }
}
