// One diagnostic per place: findings of one check at the same range (file and span) become one,
// since an editor stacks them on one underline (80 identical warnings on one attribute when 80
// upstreams reach one connector). The check words the merged message; related information and
// fixes are the union, identical edits once.
import type { Finding, Fix, Location, RelatedLocation, Severity, TextEdit } from '../types';
import { sameData, sameList } from '../memo';
import type { Check } from './check';

const severityRank: Record<Severity, number> = { error: 0, warning: 1, info: 2, hint: 3 };

interface KeptMerge {
  parts: Finding[];
  merged: Finding;
}

/**
 * Merges one check's findings at each place, keeping their order (a merged finding stands where
 * its first part stood). Kept per check: the same parts (by identity, as the findings memos give
 * them back) give the same merged object, and a merge that says the same as before gives the
 * earlier one, so that nothing is re-published.
 */
export class PlaceMerger {
  private kept = new Map<string, KeptMerge>();

  constructor(private readonly check: Pick<Check, 'mergeMessage'>) {}

  merge(findings: Finding[]): Finding[] {
    if (findings.length < 2) {
      this.kept.clear();
      return findings;
    }
    const byPlace = new Map<string, Finding[]>();
    let shared = false;
    for (const finding of findings) {
      const key = placeKey(finding.location);
      const group = byPlace.get(key);
      if (group) {
        group.push(finding);
        shared = true;
      } else byPlace.set(key, [finding]);
    }
    if (!shared) {
      this.kept.clear();
      return findings;
    }
    const kept = new Map<string, KeptMerge>();
    const result: Finding[] = [];
    for (const [key, parts] of byPlace) {
      if (parts.length === 1) {
        result.push(parts[0]);
        continue;
      }
      const before = this.kept.get(key);
      let merged: Finding;
      if (before && sameList(before.parts, parts)) merged = before.merged;
      else {
        merged = mergeFindings(parts, this.check);
        if (before && sameData(before.merged, merged)) merged = before.merged;
      }
      kept.set(key, { parts, merged });
      result.push(merged);
    }
    this.kept = kept;
    return result;
  }
}

function placeKey({ file, range: { start, end } }: Location): string {
  return `${file}\u0000${start.line}:${start.character}:${end.line}:${end.character}`;
}

export function mergeFindings(parts: readonly Finding[], check: Pick<Check, 'mergeMessage'>): Finding {
  const first = parts[0];
  const severity = parts.reduce<Severity>(
    (worst, f) => (severityRank[f.severity] < severityRank[worst] ? f.severity : worst),
    first.severity,
  );
  const messages = [...new Set(parts.map((f) => f.message))];
  const related: RelatedLocation[] = [];
  const seen = new Set<string>();
  const relate = (entry: RelatedLocation) => {
    const key = `${placeKey(entry.location)}\u0000${entry.message}`;
    if (!seen.has(key)) {
      seen.add(key);
      related.push(entry);
    }
  };
  let message = messages[0];
  if (messages.length > 1) {
    if (check.mergeMessage) message = check.mergeMessage(parts);
    else for (const other of messages.slice(1)) relate({ location: first.location, message: other });
  }
  for (const part of parts) for (const entry of part.related) relate(entry);
  return { code: first.code, severity, message, location: first.location, related, fixes: mergeFixes(parts) };
}

/** Fixes by title, in order: one title is one repair, so its edits are the union, identical ones once. */
function mergeFixes(parts: readonly Finding[]): Fix[] {
  const byTitle = new Map<string, { fix: Fix; edits: Map<string, TextEdit> }>();
  for (const part of parts)
    for (const fix of part.fixes) {
      let entry = byTitle.get(fix.title);
      if (!entry) byTitle.set(fix.title, (entry = { fix, edits: new Map() }));
      for (const edit of fix.edits) {
        const key = `${placeKey(edit)}\u0000${edit.newText}`;
        if (!entry.edits.has(key)) entry.edits.set(key, edit);
      }
    }
  return [...byTitle.values()].map(({ fix, edits }) =>
    edits.size === fix.edits.length ? fix : { title: fix.title, isPreferred: fix.isPreferred, edits: [...edits.values()] },
  );
}
