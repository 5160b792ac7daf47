import type { UseStore } from 'idb-keyval';
import type { JsonObject } from '../core/json';
import { type CopaError, RecordNotFoundError } from './errors';
import { request, transaction } from './idb';
import { type RecordSchema, type VersionedRecord, upgradeRecord } from './record-schema';

/** Records that could be read, and those that could not (newer or damaged), with why. */
export interface ListResult<T> {
  records: T[];
  problems: { id: string; error: CopaError }[];
}

/** Keys of records are strings; array keys in the same store hold sub-records (run events). */
export function recordKeys(): IDBKeyRange {
  return IDBKeyRange.bound('', [], false, true);
}

/**
 * A typed collection of versioned records in one idb-keyval store. Reads migrate older
 * records and refuse newer ones; writes stamp the current schema version.
 */
export class Repository<T extends VersionedRecord> {
  constructor(
    protected readonly store: UseStore,
    protected readonly schema: RecordSchema<T>,
  ) {}

  async get(id: string): Promise<T | undefined> {
    const raw = await transaction(this.store, 'readonly', (s) => request(s.get(id)));
    return raw === undefined ? undefined : upgradeRecord(this.schema, id, raw);
  }

  /**
   * Whether the store opens: false where the browser refuses IndexedDB (some private windows, a
   * damaged profile), which every other call would then fail with.
   */
  async opens(): Promise<boolean> {
    return transaction(this.store, 'readonly', (s) => request(s.count())).then(
      () => true,
      () => false,
    );
  }

  /** All records, newest schema only; unreadable ones are reported, not thrown. */
  async list(): Promise<ListResult<T>> {
    const rows = await transaction(this.store, 'readonly', async (s) => {
      const [keys, values] = await Promise.all([
        request(s.getAllKeys(recordKeys())),
        request(s.getAll(recordKeys())),
      ]);
      return keys.map((k, i) => [String(k), values[i]] as const);
    });
    const out: ListResult<T> = { records: [], problems: [] };
    for (const [id, raw] of rows) {
      try {
        out.records.push(upgradeRecord(this.schema, id, raw));
      } catch (err) {
        out.problems.push({ id, error: err as CopaError });
      }
    }
    return out;
  }

  /** Saves a record (replacing one with the same id) in one transaction. */
  async put(record: T): Promise<void> {
    const value = this.stamp(record);
    await transaction(this.store, 'readwrite', async (s) => {
      await request(s.put(value, record.id));
    });
  }

  /**
   * Changes one record in one read-modify-write transaction, so that a write made meanwhile
   * (a run saving a checkpoint, say) is neither lost nor undone. Nothing else is touched: a
   * rename keeps the record's dates, and so its place in lists.
   */
  async update(id: string, change: (record: T) => T): Promise<T> {
    return transaction(this.store, 'readwrite', async (s) => {
      const raw: unknown = await request(s.get(id));
      if (raw === undefined) throw new RecordNotFoundError(this.schema.noun, id);
      const next = change(upgradeRecord(this.schema, id, raw));
      await request(s.put(this.stamp(next), id));
      return next;
    });
  }

  /**
   * Adds records in one transaction, so all of them are kept or none. `add`, not `put`: an id
   * that is stored meanwhile (say by another tab) fails the whole write instead of being
   * overwritten.
   */
  async addAll(records: readonly T[]): Promise<void> {
    if (records.length === 0) return;
    await transaction(this.store, 'readwrite', async (s) => {
      await Promise.all(records.map((r) => request(s.add(this.stamp(r), r.id))));
    });
  }

  async delete(id: string): Promise<void> {
    await transaction(this.store, 'readwrite', async (s) => {
      await request(s.delete(id));
    });
  }

  /** A plain-JSON copy with the current schema version (IndexedDB clones it again on put). */
  protected stamp(record: T): JsonObject {
    return {
      ...(structuredClone(record) as unknown as JsonObject),
      schemaVersion: this.schema.version,
    };
  }
}
