import 'fake-indexeddb/auto';
import { createStore, type UseStore } from 'idb-keyval';

let counter = 0;

/** A fresh, empty idb-keyval store (its own database) for one test. */
export function freshStore(name = 'records'): UseStore {
  counter++;
  return createStore(`test-${name}-${counter}-${Math.random().toString(36).slice(2)}`, name);
}

/**
 * Wraps a store so that, while `full.on` is true, every put fails like a full disk. With
 * `full.failures` set, only that many transactions fail before the disk has room again.
 */
export function storeThatFills(inner: UseStore): {
  store: UseStore;
  full: { on: boolean; failures?: number };
} {
  const full: { on: boolean; failures?: number } = { on: false };
  const store: UseStore = (mode, callback) =>
    inner(mode, (s) => {
      if (!full.on) return callback(s);
      if (full.failures !== undefined && --full.failures <= 0) full.on = false;
      const proxy = new Proxy(s, {
        get(target, prop) {
          if (prop === 'put' || prop === 'add')
            return () => {
              throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
            };
          const v: unknown = Reflect.get(target, prop, target);
          return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
        },
      });
      return callback(proxy);
    });
  return { store, full };
}

/** Writes a raw value under a key, bypassing the repositories (to plant old or odd records). */
export async function putRaw(store: UseStore, key: IDBValidKey, value: unknown): Promise<void> {
  const { set } = await import('idb-keyval');
  await set(key, value, store);
}
