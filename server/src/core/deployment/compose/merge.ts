// Merging compose files as Compose does: the compose specification's merge rules
// (docs.docker.com/reference/compose-file/merge/, compose-spec 13-merge.md) as its reference
// implementation applies them (compose-spec/compose-go override/merge.go and uncity.go):
// - mappings merge key by key, scalars are replaced, sequences are appended;
// - `command`, `entrypoint` and `healthcheck.test` are replaced, not appended;
// - `environment`, `labels`, `env_file`, `build.args` and the like are read as `KEY=VALUE`
//   sequences (a mapping becomes one, sorted) and appended, then one entry is kept per key;
// - `build: ./dir` is `build: { context: ./dir }`; `networks` and `depends_on` lists are mappings;
// - the unique resources keep one entry per key, the later one in the earlier's place: `ports`
//   per {ip, target, published, protocol}, `volumes` per target, `expose` per port, and so on;
// - `!reset` removes the value, `!override` replaces it without merging.
import type { Origin, TreeMap, TreeNode, TreeScalar, TreeSeq } from '../tree';

type Path = readonly string[];

const matches = (path: Path, pattern: string) => {
  const parts = pattern.split('.');
  return parts.length === path.length && parts.every((p, i) => p === '*' || p === path[i]);
};

const replaced = ['services.*.command', 'services.*.entrypoint', 'services.*.healthcheck.test'];
const asSequence = [
  'services.*.annotations',
  'services.*.build.args',
  'services.*.build.additional_contexts',
  'services.*.build.labels',
  'services.*.deploy.labels',
  'services.*.dns',
  'services.*.dns_opt',
  'services.*.dns_search',
  'services.*.env_file',
  'services.*.label_file',
  'services.*.environment',
  'services.*.labels',
  'services.*.sysctls',
  'services.*.tmpfs',
  'networks.*.labels',
  'volumes.*.labels',
];
const asSequenceDeduplicated = ['services.*.extra_hosts', 'services.*.build.extra_hosts'];
const asMapping = ['services.*.networks', 'services.*.depends_on', 'services.*.models'];

/** Merges `over` (a later file) onto `base`; neither is changed. Undefined: the value is reset. */
export function mergeNodes(base: TreeNode, over: TreeNode, path: Path = []): TreeNode | undefined {
  if (over.tag === 'reset') return undefined;
  if (over.tag === 'override') return over;
  if (replaced.some((p) => matches(path, p))) return over;
  if (asSequence.some((p) => matches(path, p))) return appendSequences(base, over, false);
  if (asSequenceDeduplicated.some((p) => matches(path, p))) return appendSequences(base, over, true);
  if (matches(path, 'services.*.build')) return mergeMappings(buildMapping(base), buildMapping(over), path);
  if (asMapping.some((p) => matches(path, p))) return mergeMappings(listAsMapping(base), listAsMapping(over), path);
  if (over.kind === 'scalar' && over.value === null) return base;
  if (base.kind === 'map' && over.kind === 'map') return mergeMappings(base, over, path);
  if (base.kind === 'seq' && over.kind === 'seq') return { ...over, items: [...base.items, ...over.items], tag: undefined };
  return over;
}

function mergeMappings(base: TreeMap, over: TreeMap, path: Path): TreeMap {
  const entries = new Map(base.entries);
  for (const [key, entry] of over.entries) {
    const previous = entries.get(key);
    if (!previous) {
      if (entry.value.tag === 'reset') entries.delete(key);
      else entries.set(key, entry);
      continue;
    }
    const merged = mergeNodes(previous.value, entry.value, [...path, key]);
    if (merged) entries.set(key, { keyAt: previous.keyAt, value: merged });
    else entries.delete(key);
  }
  return { ...base, entries, tag: undefined };
}

/** `build: ./dir` as `build: { context: ./dir }`. */
export function buildMapping(node: TreeNode): TreeMap {
  if (node.kind === 'map') return node;
  const entries: TreeMap['entries'] = new Map();
  if (node.kind === 'scalar') entries.set('context', { keyAt: node.at, value: node });
  return { kind: 'map', entries, at: node.at };
}

/** `networks: [front, back]` as `networks: { front: null, back: null }`. */
function listAsMapping(node: TreeNode): TreeMap {
  if (node.kind === 'map') return node;
  const entries: TreeMap['entries'] = new Map();
  if (node.kind === 'seq')
    for (const item of node.items)
      if (item.kind === 'scalar' && item.value !== null)
        entries.set(String(item.value), { keyAt: item.at, value: { kind: 'scalar', value: null, at: item.at } });
  return { kind: 'map', entries, at: node.at };
}

/** A `KEY: value` mapping as the `KEY=value` sequence compose merges (sorted, as compose sorts it). */
export function asKeyValueSequence(node: TreeNode): TreeSeq {
  if (node.kind === 'seq') return node;
  if (node.kind === 'scalar') return { kind: 'seq', items: node.value === null ? [] : [node], at: node.at };
  const items: TreeScalar[] = [];
  for (const [key, { keyAt, value }] of node.entries) {
    if (value.tag === 'reset') continue;
    const at: Origin = { file: keyAt.file, span: { start: keyAt.span.start, end: Math.max(keyAt.span.end, value.at.span.end) } };
    if (value.kind === 'scalar') items.push({ kind: 'scalar', value: value.value === null ? key : `${key}=${String(value.value)}`, at });
    else if (value.kind === 'seq')
      for (const item of value.items) if (item.kind === 'scalar') items.push({ kind: 'scalar', value: `${key}=${String(item.value)}`, at });
  }
  items.sort((a, b) => (String(a.value) < String(b.value) ? -1 : String(a.value) > String(b.value) ? 1 : 0));
  return { kind: 'seq', items, at: node.at };
}

function resetKeys(node: TreeNode): Set<string> {
  const keys = new Set<string>();
  if (node.kind === 'map') for (const [key, { value }] of node.entries) if (value.tag === 'reset') keys.add(key);
  return keys;
}

function appendSequences(base: TreeNode, over: TreeNode, deduplicate: boolean): TreeSeq {
  const reset = resetKeys(over);
  const left = asKeyValueSequence(base).items.filter((item) => !reset.has(keyOf(item)));
  let right = asKeyValueSequence(over).items;
  if (deduplicate)
    right = right.filter((item) => !left.some((l) => l.kind === 'scalar' && item.kind === 'scalar' && l.value === item.value));
  return { kind: 'seq', items: [...left, ...right], at: over.at };
}

const keyOf = (item: TreeNode) => (item.kind === 'scalar' ? String(item.value ?? '').split('=')[0] : '');

type Indexer = (item: TreeNode) => string | undefined;

const keyValue: Indexer = (item) => (item.kind === 'scalar' && item.value !== null ? String(item.value).split('=')[0] : undefined);
const byValue: Indexer = (item) => (item.kind === 'scalar' && item.value !== null ? String(item.value) : undefined);
const entry = (node: TreeNode, key: string) => (node.kind === 'map' ? node.entries.get(key)?.value : undefined);
const text = (node: TreeNode | undefined) => (node?.kind === 'scalar' && node.value !== null ? String(node.value) : undefined);

const unique: [string, Indexer][] = [
  ['services.*.annotations', keyValue],
  ['services.*.build.args', keyValue],
  ['services.*.build.labels', keyValue],
  ['services.*.dns', keyValue],
  ['services.*.environment', keyValue],
  ['services.*.labels', keyValue],
  ['services.*.sysctls', keyValue],
  ['services.*.tmpfs', keyValue],
  ['services.*.networks.*.aliases', keyValue],
  ['services.*.env_file', (item) => text(item) ?? text(entry(item, 'path'))],
  ['services.*.expose', byValue],
  [
    'services.*.volumes',
    (item) => text(entry(item, 'target')) ?? (item.kind === 'scalar' ? shortVolumeTarget(String(item.value)) : undefined),
  ],
  [
    'services.*.ports',
    (item) =>
      item.kind === 'map'
        ? `${text(entry(item, 'host_ip')) ?? '0.0.0.0'}:${text(entry(item, 'published')) ?? ''}:${text(entry(item, 'target'))}/${text(entry(item, 'protocol')) ?? 'tcp'}`
        : byValue(item),
  ],
];

/** The container path of a short volume (`./a:/b:ro` -> `/b`; `/b` alone -> `/b`). */
export function shortVolumeTarget(spec: string): string | undefined {
  const parts = splitVolume(spec);
  return parts.length === 1 ? parts[0] : parts[1];
}

/** `SOURCE:TARGET[:MODE]`, keeping a Windows drive letter (`C:\x:/y`) with its path. */
export function splitVolume(spec: string): string[] {
  const parts = spec.split(':');
  if (parts.length > 1 && /^[a-zA-Z]$/.test(parts[0]) && /^[\\/]/.test(parts[1])) parts.splice(0, 2, `${parts[0]}:${parts[1]}`);
  return parts;
}

/** One entry per unique key in the unique resources, the later in the earlier's place. */
export function enforceUnicity(node: TreeNode, path: Path = []): TreeNode {
  if (node.kind === 'map') {
    const entries: TreeMap['entries'] = new Map();
    for (const [key, value] of node.entries) entries.set(key, { ...value, value: enforceUnicity(value.value, [...path, key]) });
    return { ...node, entries };
  }
  if (node.kind !== 'seq') return node;
  const indexer = unique.find(([pattern]) => matches(path, pattern))?.[1];
  if (!indexer) return node;
  const items: TreeNode[] = [];
  const seen = new Map<string, number>();
  for (const item of node.items) {
    const key = indexer(item);
    const earlier = key === undefined ? undefined : seen.get(key);
    if (earlier !== undefined) items[earlier] = item;
    else {
      if (key !== undefined) seen.set(key, items.length);
      items.push(item);
    }
  }
  return { ...node, items };
}

/** Drops `!reset` values a single file carries (compose ignores them when nothing is under them). */
export function dropResets(node: TreeNode): TreeNode {
  if (node.kind === 'map') {
    const entries: TreeMap['entries'] = new Map();
    for (const [key, value] of node.entries)
      if (value.value.tag !== 'reset') entries.set(key, { ...value, value: dropResets(value.value) });
    return { ...node, entries, tag: undefined };
  }
  if (node.kind === 'seq') return { ...node, items: node.items.filter((i) => i.tag !== 'reset').map(dropResets), tag: undefined };
  return node;
}
