// `npm run test:referee`: every nginx and Tomcat quick fix the product offers on the check tables,
// the corpus and generated workspaces, applied to a copy and judged by the real programs:
// - nginx edits: `nginx -t` must pass after the fix whenever it passed before, and a config nginx
//   rejected before must not be rejected for anything new;
// - server.xml and catalina.properties edits: a real Tomcat 10 reads the edited Connectors and
//   must log nothing about them that it did not log before the fix (one JVM for all fixtures);
// - then the product's own analysis of the fixed workspace must no longer have the finding, and
//   no new error-severity finding.
// Fails when fewer than 200 fixes were checked. Needs nginx and tomcat10 (Debian packages,
// installed by scripts/install-system-packages.sh when missing) and ../shared/corpus.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { corpus } from '../corpus/location';
import { corpusFixtures } from './corpus';
import { analyze, isTomcatFile, offeredFixes, tableFixtures, type OfferedFix } from './fixtures';
import { generatedFixtures } from './generated';
import { NginxReferee, type NginxVerdict } from './nginxReferee';
import { catalinaHome, TomcatBatch } from './tomcatReferee';
import { checkFixValues } from './fixValues';
import { selfCheck } from './selfCheck';

const repoRoot = path.resolve(__dirname, '../../..');
const minimumFixes = 200;

function ensurePackages(): string {
  execFileSync(path.join(repoRoot, 'scripts', 'install-system-packages.sh'), { stdio: 'inherit' });
  if (!fs.existsSync(path.join(catalinaHome, 'bin', 'catalina.sh'))) throw new Error(`tomcat10 is not installed (${catalinaHome})`);
  for (const candidate of ['/usr/sbin/nginx', '/usr/local/sbin/nginx', '/usr/bin/nginx']) if (fs.existsSync(candidate)) return candidate;
  throw new Error('nginx is not installed');
}

function describe(offer: OfferedFix): string {
  return `${offer.fixture.name}: "${offer.fix.title}"`;
}

/** The product's own verdict on the fixed workspace. */
function reanalysed(offer: OfferedFix): string | undefined {
  const before = analyze(offer.fixture.files, offer.fixture.settings);
  const after = analyze(offer.fixed, offer.fixture.settings);
  const same = (list: typeof before) => list.filter((f) => f.code === offer.finding.code).length;
  if (same(after) >= same(before))
    return `the ${offer.finding.code} finding is still there: ${after
      .filter((f) => f.code === offer.finding.code)
      .map((f) => f.message)
      .join(' | ')}`;
  const errors = (list: typeof before) => list.filter((f) => f.severity === 'error').length;
  if (errors(after) > errors(before))
    return `new errors: ${after
      .filter((f) => f.severity === 'error')
      .map((f) => `${f.code}: ${f.message}`)
      .join(' | ')}`;
  return undefined;
}

function nginxProblem(before: NginxVerdict, after: NginxVerdict): string | undefined {
  if (after.ok) return undefined;
  if (before.ok) return `nginx -t passed before the fix and fails after it: ${after.raw.trim()}`;
  if (after.error !== before.error) return `nginx -t failed before with "${before.error}" and after with something new: "${after.error}"`;
  return undefined;
}

async function main(): Promise<void> {
  const started = Date.now();
  const nginx = ensurePackages();
  const valueChecks = checkFixValues(2000);
  const fixtures = [...tableFixtures(), ...corpusFixtures(corpus), ...generatedFixtures(300)];
  const offers = offeredFixes(fixtures);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'timeout-chain-referee-'));
  const failures: string[] = [];
  const counts = { nginx: 0, nginxBeforeRejected: 0, tomcat: 0, both: 0, reanalysed: 0 };
  const bySource = new Map<string, number>();
  try {
    const referee = new NginxReferee(nginx, work);
    const beforeVerdicts = new Map<string, NginxVerdict>();
    const batch = new TomcatBatch();
    const tomcatChecks: { offer: OfferedFix; before: number[]; after: number[] }[] = [];
    for (const offer of offers) {
      bySource.set(offer.fixture.source, (bySource.get(offer.fixture.source) ?? 0) + 1);
      if (offer.edited.some((rel) => !isTomcatFile(rel))) {
        const key = offer.fixture.name;
        const before = beforeVerdicts.get(key) ?? referee.test(offer.fixture.files);
        beforeVerdicts.set(key, before);
        const problem = nginxProblem(before, referee.test(offer.fixed));
        if (problem) failures.push(`${describe(offer)}: ${problem}`);
        counts.nginx++;
        if (!before.ok) counts.nginxBeforeRejected++;
      }
      if (offer.edited.some(isTomcatFile) && offer.edited.some((rel) => !isTomcatFile(rel))) counts.both++;
      if (offer.edited.some(isTomcatFile)) {
        tomcatChecks.push({ offer, before: batch.add(offer.fixture.files), after: batch.add(offer.fixed) });
        counts.tomcat++;
      }
      const problem = reanalysed(offer);
      if (problem) failures.push(`${describe(offer)}: ${problem}`);
      counts.reanalysed++;
    }
    // The referees must catch the broken fixes of issue 11, or their silence proves nothing.
    const rejected = batch.add(selfCheck.tomcat);
    for (const [name, files] of Object.entries(selfCheck.nginx))
      if (referee.test(files).ok) failures.push(`self-check: nginx -t accepts ${name}`);
    if (tomcatChecks.length > 0) {
      const tomcat = await batch.run(path.join(work, 'catalina-base'));
      if (!rejected.every((id) => tomcat.byConnector.get(id)?.some((line) => line.includes('failed to set property [keepAliveTimeout]'))))
        failures.push('self-check: Tomcat did not refuse keepAliveTimeout="2592000000"');
      if (tomcat.global.length > 0) failures.push(`Tomcat logged warnings no connector explains:\n  ${tomcat.global.join('\n  ')}`);
      for (const { offer, before, after } of tomcatChecks) {
        const said = (ids: number[]) => new Set(ids.flatMap((id) => tomcat.byConnector.get(id) ?? []));
        const known = said(before);
        const fresh = [...said(after)].filter((line) => !known.has(line));
        if (fresh.length > 0) failures.push(`${describe(offer)}: Tomcat says after the fix: ${fresh.join(' | ')}`);
      }
      if (process.env.VERBOSE) console.log(tomcat.log);
      console.log(`Tomcat read ${batch.connectorCount} distinct Connectors in one start`);
    }
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
  const total = offers.length;
  const refereed = counts.nginx + counts.tomcat - counts.both;
  console.log(`fix values: ${valueChecks} margin and timeout combinations in range`);
  console.log(`fixtures: ${fixtures.length}; distinct fixes offered: ${total} (${[...bySource].map(([s, n]) => `${s} ${n}`).join(', ')})`);
  console.log(
    `nginx fixes checked with nginx -t: ${counts.nginx} (${counts.nginx - counts.nginxBeforeRejected} on configs nginx accepted before, ${counts.nginxBeforeRejected} on configs it rejected before: no new error)`,
  );
  console.log(`Tomcat fixes checked with Tomcat 10: ${counts.tomcat}`);
  console.log(`fixes checked by a real nginx or Tomcat: ${refereed} (at least ${minimumFixes} required)`);
  console.log(
    `fixes re-analysed, finding gone: ${counts.reanalysed - failures.filter((f) => f.includes('finding is still there')).length} of ${counts.reanalysed}`,
  );
  console.log(`took ${((Date.now() - started) / 1000).toFixed(1)} s`);
  if (refereed < minimumFixes)
    failures.push(`only ${refereed} fixes were checked by nginx or Tomcat, at least ${minimumFixes} are required`);
  if (failures.length > 0) {
    console.error(`\n${failures.length} failures:\n${failures.map((f) => `- ${f}`).join('\n')}`);
    process.exitCode = 1;
  } else console.log('referee: every fix accepted');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
