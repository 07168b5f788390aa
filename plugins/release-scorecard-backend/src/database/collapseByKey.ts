/** One item per key: later deliveries of the same record in a batch are merged in order. */
export function collapseByKey<T>(
  items: T[],
  keyOf: (item: T) => string,
  merge: (existing: T, incoming: T) => T,
): T[] {
  const byKey = new Map<string, T>();
  for (const item of items) {
    const key = keyOf(item);
    const existing = byKey.get(key);
    byKey.set(key, existing ? merge(existing, item) : item);
  }
  return [...byKey.values()];
}
