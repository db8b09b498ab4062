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
