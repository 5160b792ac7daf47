import { afterEach, beforeEach } from 'vitest';

/** An in-memory localStorage, as a browser keeps one per site. */
export function memoryStorage(): Storage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    clear: () => items.clear(),
    getItem: (k) => items.get(k) ?? null,
    key: (i) => [...items.keys()][i] ?? null,
    removeItem: (k) => void items.delete(k),
    setItem: (k, v) => void items.set(k, String(v)),
  };
}

/** Gives each test of the enclosing describe a fresh, empty localStorage (Node has none). */
export function withMemoryStorage(): void {
  const saved = globalThis.localStorage;
  beforeEach(() => {
    globalThis.localStorage = memoryStorage();
  });
  afterEach(() => {
    globalThis.localStorage = saved;
  });
}
