import type { UseStore } from 'idb-keyval';
import type { CachedAnswer, CacheStore } from '../core/cache';
import { StorageQuotaError } from './errors';
import { openCollection, request, transaction } from './idb';

export const LM_CACHE_SCHEMA_VERSION = 1;
export const DEFAULT_MAX_CACHE_ENTRIES = 20_000;

interface CacheEntry {
  schemaVersion: number;
  response: CachedAnswer;
  /** A use counter, not a time: larger means used more recently. */
  lastUsed: number;
}

export interface LMCacheStats {
  entries: number;
  maxEntries: number;
  /** The stored answers' size as JSON text (UTF-8 bytes): what the cache holds, roughly. */
  bytes: number;
  hits: number;
  misses: number;
  evictions: number;
}

/**
 * The persistent model-answer cache behind core's CachedLM: bounded by entry count with
 * least-recently-used eviction. The recency order is kept in memory (loaded once) and each
 * entry's `lastUsed` is persisted, so the order survives reloads. Entries another tab adds are
 * seen on the next load; only the worker of the tab holding the run lock writes.
 */
export class IdbCacheStore implements CacheStore {
  private readonly store: UseStore;
  private readonly maxEntries: number;
  /** Keys from least to most recently used. */
  private order: Map<string, number> | undefined;
  /** Each entry's answer size (see LMCacheStats.bytes), and their sum. */
  private readonly sizes = new Map<string, number>();
  private bytes = 0;
  private clock = 0;
  private counters = { hits: 0, misses: 0, evictions: 0 };

  constructor(opts: { store?: UseStore; maxEntries?: number } = {}) {
    this.store = opts.store ?? openCollection('lm-cache');
    this.maxEntries = Math.max(1, opts.maxEntries ?? DEFAULT_MAX_CACHE_ENTRIES);
  }

  async get(key: string): Promise<CachedAnswer | undefined> {
    const order = await this.index();
    const found = await transaction(this.store, 'readwrite', async (s) => {
      const entry = readEntry(await request(s.get(key)));
      if (!entry) return undefined;
      const touched: CacheEntry = { ...entry, lastUsed: ++this.clock };
      await request(s.put(touched, key));
      return touched;
    });
    if (!found) {
      this.counters.misses++;
      this.forget(order, key);
      return undefined;
    }
    this.counters.hits++;
    order.delete(key);
    order.set(key, found.lastUsed);
    return found.response;
  }

  async set(key: string, value: CachedAnswer): Promise<void> {
    try {
      await this.write(key, value);
    } catch (err) {
      if (!(err instanceof StorageQuotaError)) throw err;
      // Full: free the oldest tenth in its own transaction, then try once more.
      await this.evictOldest(Math.max(1, Math.ceil((this.order?.size ?? 0) / 10)), key);
      await this.write(key, value);
    }
  }

  async stats(): Promise<LMCacheStats> {
    const order = await this.index();
    return {
      entries: order.size,
      maxEntries: this.maxEntries,
      bytes: this.bytes,
      ...this.counters,
    };
  }

  async clear(): Promise<void> {
    await transaction(this.store, 'readwrite', async (s) => {
      await request(s.clear());
    });
    this.order = new Map();
    this.sizes.clear();
    this.bytes = 0;
    this.counters = { hits: 0, misses: 0, evictions: 0 };
  }

  private async evictOldest(count: number, keep: string): Promise<void> {
    const order = await this.index();
    const victims = [...order.keys()].filter((k) => k !== keep).slice(0, count);
    await transaction(this.store, 'readwrite', async (s) => {
      await Promise.all(victims.map((v) => request(s.delete(v))));
    });
    for (const v of victims) this.forget(order, v);
    this.counters.evictions += victims.length;
  }

  private async write(key: string, value: CachedAnswer): Promise<void> {
    const order = await this.index();
    const entry: CacheEntry = {
      schemaVersion: LM_CACHE_SCHEMA_VERSION,
      response: structuredClone(value),
      lastUsed: ++this.clock,
    };
    const sizeAfter = order.size + (order.has(key) ? 0 : 1);
    const evictCount = Math.max(0, sizeAfter - this.maxEntries);
    const victims = [...order.keys()].filter((k) => k !== key).slice(0, evictCount);
    await transaction(this.store, 'readwrite', async (s) => {
      for (const v of victims) s.delete(v);
      await request(s.put(entry, key));
    });
    for (const v of victims) this.forget(order, v);
    this.counters.evictions += victims.length;
    this.forget(order, key);
    order.set(key, entry.lastUsed);
    this.remember(key, sizeOf(entry.response));
  }

  private remember(key: string, bytes: number): void {
    this.sizes.set(key, bytes);
    this.bytes += bytes;
  }

  private forget(order: Map<string, number>, key: string): void {
    order.delete(key);
    this.bytes -= this.sizes.get(key) ?? 0;
    this.sizes.delete(key);
  }

  private async index(): Promise<Map<string, number>> {
    if (this.order) return this.order;
    const rows = await transaction(this.store, 'readonly', async (s) => {
      const [keys, values] = await Promise.all([request(s.getAllKeys()), request(s.getAll())]);
      return keys.map((k, i) => {
        const entry = readEntry(values[i]);
        return [String(k), entry?.lastUsed ?? 0, entry ? sizeOf(entry.response) : 0] as const;
      });
    });
    rows.sort((a, b) => a[1] - b[1]);
    this.order = new Map(rows.map(([k, used]) => [k, used]));
    this.sizes.clear();
    this.bytes = 0;
    for (const [k, , bytes] of rows) this.remember(k, bytes);
    this.clock = rows.reduce((max, r) => Math.max(max, r[1]), this.clock);
    return this.order;
  }
}

/** A stored entry, or undefined for one that is missing, damaged or from a newer version. */
function readEntry(raw: unknown): CacheEntry | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const e = raw as Partial<CacheEntry>;
  if (e.schemaVersion !== LM_CACHE_SCHEMA_VERSION || typeof e.lastUsed !== 'number')
    return undefined;
  const r = e.response;
  if (!r || typeof r.text !== 'string' || typeof r.usage !== 'object') return undefined;
  return e as CacheEntry;
}

const utf8 = new TextEncoder();

/** An answer's size as stored, in UTF-8 bytes of its JSON text. */
function sizeOf(response: CachedAnswer): number {
  return utf8.encode(JSON.stringify(response)).length;
}
