// Agreement with the real nginx on ~2,000 real configs (`npm run test:corpus`). The corpus lives in
// ../shared/corpus (its files' licences vary, so they are read in place, never copied here), with
// nginx-verdicts.csv saying what nginx 1.26.3 said of each file.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseNginx } from '../../server/src/core/nginx/parser';
import { nginxValueProblems } from '../../server/src/core/nginx/directiveValues';
import { looksLikeNginx } from '../../server/src/core/classify';
import { knownQuirks } from './quirks';
import { corpus } from './location';

interface Verdict {
  file: string;
  verdict: string;
  firstError: string;
  finalError: string;
  tier: string;
}

/** RFC 4180 CSV: quoted fields with doubled quotes. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else if (c !== '\r') field += c;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** The line nginx names in `... in FILE:12` (only for errors in the file itself). */
function nginxLine(message: string): number | undefined {
  const match = / in FILE:(\d+)$/.exec(message);
  return match ? Number(match[1]) : undefined;
}

function main(): number {
  const csv = path.join(corpus, 'nginx-verdicts.csv');
  if (!fs.existsSync(csv)) {
    // Outside this workplace the corpus is not there: say so plainly rather than pass silently.
    console.log(`SKIPPED: the nginx corpus is not at ${corpus} (set TIMEOUT_CHAIN_CORPUS to its folder); no agreement figures`);
    return process.env.TIMEOUT_CHAIN_CORPUS_REQUIRED === '1' ? 1 : 0;
  }
  const [header, ...rows] = parseCsv(fs.readFileSync(csv, 'utf8'));
  const col = (name: string) => header.indexOf(name);
  const verdicts: Verdict[] = rows
    .filter((r) => r.length > 1)
    .map((r) => ({
      file: r[col('file')],
      verdict: r[col('verdict')],
      firstError: r[col('first_error')],
      finalError: r[col('final_error')],
      tier: r[col('tier')],
    }));

  const counts = {
    accepted: 0,
    acceptedClean: 0,
    syntaxRejected: 0,
    syntaxCaught: 0,
    syntaxSameLine: 0,
    templates: 0,
    templatesSaid: 0,
    elsewhere: 0,
    elsewhereClean: 0,
    other: 0,
    otherClean: 0,
    otherBeyond: 0,
  };
  // Which files are nginx (issue 13): every file nginx loads must read as nginx by its text in an
  // nginx folder (conf.d/, sites-enabled/), and most even as a `.conf` anywhere, where only
  // directives nginx alone has count.
  const readAsNginx = { loaded: 0, inFolder: 0, anywhere: 0 };
  const disagreements: string[] = [];
  const quirks: string[] = [];
  // invalid-value: never on a file nginx accepted. nginx's slot parsers (times, sizes, counts) say
  // `"name" directive invalid value`; its other `invalid value` messages are about keywords.
  const values = { problems: 0, onAccepted: 0, slotRejected: 0, slotSameLine: 0, otherInvalid: 0, missed: [] as string[] };
  let bytes = 0;
  let parseMs = 0;
  for (const v of verdicts) {
    const text = fs.readFileSync(path.join(corpus, v.file), 'latin1'); /* bytes as chars: one file is not UTF-8 */
    bytes += text.length;
    const started = performance.now();
    const parsed = parseNginx(v.file, text);
    parseMs += performance.now() - started;
    const valueProblems = nginxValueProblems(parsed);
    values.problems += valueProblems.length;
    const errors = parsed.problems.filter((p) => p.severity === 'error');
    const template = parsed.problems.find((p) => p.severity === 'info' && /template/.test(p.message));
    const where = (p: { span: { start: number } }) => parsed.lines.positionAt(p.span.start).line + 1;
    const disagree = (what: string) =>
      knownQuirks[v.file] ? quirks.push(`${v.file}: ${what} (known: ${knownQuirks[v.file]})`) : disagreements.push(`${v.file}: ${what}`);
    if (v.verdict.startsWith('accepted') || (v.tier.includes('template') && v.verdict === 'rejected_syntax')) {
      readAsNginx.loaded++;
      if (looksLikeNginx(text, true)) readAsNginx.inFolder++;
      else disagree('nginx loads it (or calls it a template), but in an nginx folder it is not read as nginx');
      if (looksLikeNginx(text, false)) readAsNginx.anywhere++;
    }
    if (v.verdict.startsWith('accepted') && valueProblems.length > 0) {
      values.onAccepted += valueProblems.length;
      disagree(`nginx accepts it, here invalid-value at line ${where(valueProblems[0])}: ${valueProblems[0].message}`);
    }
    const valueLine = nginxLine(v.finalError); // undefined: the value is in an included file
    if (/directive invalid (value|number)/.test(v.finalError) && valueLine !== undefined) {
      values.slotRejected++;
      if (valueProblems.some((p) => where(p) === valueLine)) values.slotSameLine++;
      else values.missed.push(`${v.file}: ${v.finalError}`);
    } else if (/invalid (value|number)/.test(v.finalError) && valueLine !== undefined) values.otherInvalid++;
    if (v.tier.includes('template') && v.verdict === 'rejected_syntax') {
      counts.templates++;
      if (template) counts.templatesSaid++;
      else disagree(`a template nginx rejects, not said to be one (${errors.length} errors)`);
    } else if (v.verdict.startsWith('accepted')) {
      counts.accepted++;
      if (errors.length === 0) counts.acceptedClean++;
      else disagree(`nginx accepts it, here ${errors.length} errors, first at line ${where(errors[0])}: ${errors[0].message}`);
    } else if (v.verdict === 'rejected_syntax' && nginxLine(v.finalError) === undefined) {
      // The syntax error is in a file this one includes: this file itself is fine.
      counts.elsewhere++;
      if (errors.length === 0) counts.elsewhereClean++;
      else disagree(`nginx: ${v.finalError}; here an error in this file at line ${where(errors[0])}: ${errors[0].message}`);
    } else if (v.verdict === 'rejected_syntax') {
      counts.syntaxRejected++;
      // nginx stops at the first error; an error in an included file is not this file's.
      const expected = nginxLine(v.finalError) ?? nginxLine(v.firstError);
      if (errors.length === 0 && !template) disagree(`nginx: ${v.finalError}; here no error`);
      else {
        counts.syntaxCaught++;
        const line = errors[0] ? where(errors[0]) : template ? where(template) : undefined;
        if (expected === undefined || line === expected) counts.syntaxSameLine++;
        else disagree(`nginx: ${v.finalError}; here line ${line}: ${errors[0]?.message ?? template?.message}`);
      }
    } else {
      counts.other++;
      // Rejected for meaning, not syntax. nginx stops at its first error, so a syntax error here is
      // wrong only if it comes before the line where nginx stopped.
      const stopped = nginxLine(v.firstError) ?? nginxLine(v.finalError) ?? Infinity;
      if (errors.length === 0) counts.otherClean++;
      else if (where(errors[0]) >= stopped) counts.otherBeyond++;
      else disagree(`nginx: ${v.verdict} (${v.finalError}); here a syntax error at line ${where(errors[0])}: ${errors[0].message}`);
    }
  }

  const pct = (a: number, b: number) => `${a}/${b} (${b === 0 ? 100 : ((100 * a) / b).toFixed(1)} %)`;
  console.log(
    `nginx corpus: ${verdicts.length} files, ${(bytes / 1e6).toFixed(2)} MB, parsed in ${parseMs.toFixed(0)} ms (${(bytes / 1e6 / (parseMs / 1000)).toFixed(1)} MB/s)`,
  );
  console.log(`  accepted by nginx, no syntax error here:          ${pct(counts.acceptedClean, counts.accepted)}`);
  console.log(
    `  rejected for syntax by nginx, error here:         ${pct(counts.syntaxCaught, counts.syntaxRejected)}, at nginx's line: ${pct(counts.syntaxSameLine, counts.syntaxRejected)}`,
  );
  console.log(`  templates nginx rejects, said to be templates:    ${pct(counts.templatesSaid, counts.templates)}`);
  console.log(`  syntax error only in an included file, none here:  ${pct(counts.elsewhereClean, counts.elsewhere)}`);
  console.log(
    `  rejected for meaning, no syntax error before nginx's: ${pct(counts.otherClean + counts.otherBeyond, counts.other)} (${counts.otherBeyond} with one at or after the line where nginx stopped)`,
  );
  console.log(
    `  invalid-value: ${values.problems} in all, ${values.onAccepted} on files nginx accepts; nginx's "directive invalid value" in the file itself, found at its line: ${pct(values.slotSameLine, values.slotRejected)} (${values.otherInvalid} other "invalid value" rejections are keywords, not this check's)`,
  );
  console.log(
    `  loaded by nginx or templates, read as nginx in an nginx folder: ${pct(readAsNginx.inFolder, readAsNginx.loaded)}; as a .conf anywhere: ${pct(readAsNginx.anywhere, readAsNginx.loaded)}`,
  );
  if (values.missed.length > 0)
    console.log(
      `  invalid-value not found (a value with a variable is left to nginx: newer versions accept some):\n    ${values.missed.join('\n    ')}`,
    );
  if (quirks.length > 0)
    console.log(`known disagreements (${quirks.length}), each judged nginx's or the corpus's quirk:\n  ${quirks.join('\n  ')}`);
  if (disagreements.length > 0) console.log(`DISAGREEMENTS (${disagreements.length}):\n  ${disagreements.join('\n  ')}`);
  return disagreements.length === 0 ? 0 : 1;
}

process.exit(main());
