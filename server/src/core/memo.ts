/** The value kept for `key`, computed once while the key lives. */
export function memoized<K extends object, V>(memo: WeakMap<K, V>, key: K, compute: (key: K) => V): V {
  let value = memo.get(key);
  if (value === undefined) memo.set(key, (value = compute(key)));
  return value;
}

/** Whether two lists hold the same objects in the same order. */
export function sameList<T>(a: readonly T[], b: readonly T[]): boolean {
  return a === b || (a.length === b.length && a.every((x, i) => x === b[i]));
}

/**
 * Whether two plain data values (findings: objects, arrays, strings, numbers) say the same. A
 * property holding undefined counts as absent, as in their JSON.
 */
export function sameData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => sameData(x, b[i]));
  if (Array.isArray(b)) return false;
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  for (const key in x) if (!sameData(x[key], y[key])) return false;
  for (const key in y) if (!(key in x) && y[key] !== undefined) return false;
  return true;
}

/** What a memo kept for one key: the inputs it was made from and the value. */
interface Kept<V> {
  shared: object;
  inputs: readonly unknown[];
  value: V;
}

interface Slot<V> {
  kept?: Kept<V>;
  next?: WeakMap<object, Slot<V>>;
}

/**
 * Values kept by a path of objects (an upstream's reuse, then an endpoint) and remade when one of
 * their inputs changes: `shared`, one object standing for the inputs every entry has (a new one
 * when any of them changed), or one of `inputs` (compared with Object.is). A remade value that
 * says the same as the kept one (`same`) gives back the kept object, so whoever compares by
 * identity sees no change. Entries live as long as their key objects and the memo itself.
 */
export class InputMemo<V> {
  private readonly slots = new WeakMap<object, Slot<V>>();

  constructor(private readonly same: (before: V, now: V) => boolean) {}

  get(keys: readonly [object, ...object[]], shared: object, inputs: readonly unknown[], make: () => V): V {
    let map = this.slots;
    let slot: Slot<V> | undefined;
    for (let i = 0; i < keys.length; i++) {
      slot = map.get(keys[i]);
      if (!slot) map.set(keys[i], (slot = {}));
      if (i < keys.length - 1) map = slot.next ??= new WeakMap();
    }
    const kept = slot!.kept;
    if (kept && kept.shared === shared && sameInputs(kept.inputs, inputs)) return kept.value;
    const now = make();
    const value = kept && this.same(kept.value, now) ? kept.value : now;
    slot!.kept = { shared, inputs, value };
    return value;
  }
}

function sameInputs(a: readonly unknown[], b: readonly unknown[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
}
