/**
 * Public data that every page reads and an administrator rarely changes (the council's settings,
 * the list of localities, bank holidays), kept in memory so a page does not ask PostgreSQL for it
 * on every request.
 *
 * Correctness:
 * - Entries belong to one database handle (tests run several databases in one process). A
 *   transaction is a different handle, so reads inside a transaction always go to the database.
 * - The process that makes a change calls `forget()` after it commits, and sees the change at
 *   once. A read that started before the change does not put its older value back (generations).
 * - Other processes see a change within MOOT_CACHE_TTL_MS (default 5 s), the documented bound:
 *   after that an entry is read again. MOOT_CACHE_TTL_MS=0 turns the cache off.
 */
const TTL_MS = Number(process.env.MOOT_CACHE_TTL_MS ?? 5_000);

interface Entry {
  expires: number;
  value: Promise<unknown>;
}
interface Store {
  entries: Map<string, Entry>;
  generation: Map<string, number>;
}

const stores = new WeakMap<object, Store>();

function storeFor(owner: object): Store {
  let store = stores.get(owner);
  if (!store) stores.set(owner, (store = { entries: new Map(), generation: new Map() }));
  return store;
}

/** The cached value for `key`, loading it when missing or older than the TTL. */
export function cached<T>(owner: object, key: string, load: () => Promise<T>): Promise<T> {
  if (TTL_MS <= 0) return load();
  const store = storeFor(owner);
  const now = Date.now();
  const hit = store.entries.get(key);
  if (hit && hit.expires > now) return hit.value as Promise<T>;
  const generation = store.generation.get(key) ?? 0;
  const value = load();
  store.entries.set(key, { expires: now + TTL_MS, value });
  value.catch(() => {
    if (store.entries.get(key)?.value === value) store.entries.delete(key);
  });
  // A change committed while this was loading: do not keep what may be the older value.
  void value.then(() => {
    if ((store.generation.get(key) ?? 0) !== generation && store.entries.get(key)?.value === value) store.entries.delete(key);
  }, () => {});
  return value;
}

/** Drop `key` after a change to what it holds has committed (call it with the same handle). */
export function forget(owner: object, ...keys: string[]): void {
  const store = storeFor(owner);
  for (const key of keys) {
    store.entries.delete(key);
    store.generation.set(key, (store.generation.get(key) ?? 0) + 1);
  }
}
