// What is made of an object once, and kept as long as the object lives (a WeakMap): for objects
// that do not change — parsed policies, their patterns, frozen records of the store's cache and
// the views made of them.

/** `make(key)` on the first call for `key`, the same value after that. */
export function perObject<K extends object, V>(make: (key: K) => V): (key: K) => V {
  const made = new WeakMap<K, V>();
  return (key) => {
    let value = made.get(key);
    if (value === undefined) made.set(key, (value = make(key)));
    return value;
  };
}

/**
 * `make(record)`, kept (as `keep` returns it: frozen, say) for as long as the record if the record
 * is frozen — a record of the store's cache is never changed, a write replaces it — and made anew
 * for a record that is not.
 */
export function perFrozen<K extends object, V>(make: (record: K) => V, keep: (made: V) => V = (made) => made): (record: K) => V {
  const kept = perObject((record: K) => keep(make(record)));
  return (record) => (Object.isFrozen(record) ? kept(record) : make(record));
}
