// The incremental analysis on real configs (part of `npm run test:corpus`): the corpus's nginx and
// Tomcat files read as one workspace, then a sample of its nginx files edited the ways people edit
// them. After each edit the kept analysis must say exactly what a fresh one says, ranges and fix
// edits included; the first disagreement is printed and the run fails.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeFiles } from '../support/memoryWorkspace';
import { liveWorkspace, summary } from '../support/liveWorkspace';
import { corpus } from './location';
import { messageFault } from '../support/messages';

/** Edits in the order they are applied to one file; each returns the new text, or undefined when it does not apply. */
const edits: [string, (text: string, original: string) => string | undefined][] = [
  ['a comment typed at the top (every line moves)', (text) => `# edited\n${text}`],
  ['the first number changed', (text) => (/\d+/.test(text) ? text.replace(/\d+/, (n) => String(Number(n) + 7)) : undefined)],
  ['a header renamed', (text) => (/proxy_set_header\s+X-/.test(text) ? text.replace(/(proxy_set_header\s+)X-/, '$1Y-') : undefined)],
  ['the first ";" deleted', (text) => (text.includes(';') ? text.replace(';', '') : undefined)],
  ['the original back', (_text, original) => original],
];

const sampleSize = 48;

function filesUnder(dir: string, prefix: string): [string, string][] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e): [string, string] => [
      path.join(prefix, path.relative(dir, path.join(e.parentPath, e.name))),
      fs.readFileSync(path.join(e.parentPath, e.name), 'utf8'),
    ]);
}

function main(): number {
  const nginx = filesUnder(path.join(corpus, 'nginx'), 'nginx');
  if (nginx.length === 0) {
    // As nginx-corpus.ts: outside this workplace the corpus is not there; say so plainly.
    console.log(`SKIPPED: incremental on the corpus: no corpus at ${corpus} (set TIMEOUT_CHAIN_CORPUS to its folder)`);
    return process.env.TIMEOUT_CHAIN_CORPUS_REQUIRED === '1' ? 1 : 0;
  }
  const files = Object.fromEntries([...nginx, ...filesUnder(path.join(corpus, 'tomcat'), 'tomcat')]);
  // Files a proxy reads: those with upstreams, proxy_pass or includes, spread evenly in path order.
  const candidates = nginx
    .filter(([, text]) => /\b(upstream|proxy_pass|include)\b/.test(text))
    .map(([rel]) => rel)
    .sort();
  const sample = candidates.filter((_, i) => i % Math.max(1, Math.floor(candidates.length / sampleSize)) === 0).slice(0, sampleSize);
  const live = liveWorkspace(files);
  // Every message on real configs starts with a short sentence, details in related information.
  const first = live.workspace.analyze().findings;
  const faults = first.map(messageFault).filter((f) => f !== undefined);
  if (faults.length > 0) {
    console.error(`messages on the corpus: ${faults.length} of ${first.length} findings break the message rule (support/messages.ts)`);
    for (const fault of faults.slice(0, 10)) console.error(`  ${fault.slice(0, 400)}`);
    return 1;
  }
  console.log(`messages on the corpus: ${first.length} findings, each first sentence at most 100 characters, details related`);
  let compared = 0;
  for (const rel of sample) {
    const original = files[rel];
    for (const [what, edit] of edits) {
      const text = edit(live.current()[rel], original);
      if (text === undefined) continue;
      live.put(rel, text);
      const kept = summary(live.workspace.analyze());
      const fresh = summary(analyzeFiles(live.current()));
      compared++;
      if (kept.join('\n') === fresh.join('\n')) continue;
      const onlyKept = kept.filter((line) => !fresh.includes(line));
      const onlyFresh = fresh.filter((line) => !kept.includes(line));
      console.error(`incremental on the corpus: after "${what}" in ${rel}, the kept analysis differs from a fresh one`);
      for (const line of onlyKept.slice(0, 5)) console.error(`  kept only:  ${line.slice(0, 400)}`);
      for (const line of onlyFresh.slice(0, 5)) console.error(`  fresh only: ${line.slice(0, 400)}`);
      return 1;
    }
  }
  console.log(
    `incremental on the corpus: ${compared} edits to ${sample.length} files of ${nginx.length}, kept analysis = fresh analysis after each`,
  );
  return compared > 0 ? 0 : 1;
}

process.exit(main());
