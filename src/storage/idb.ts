import { promisifyRequest, type UseStore } from 'idb-keyval';
import { StorageError, StorageQuotaError } from './errors';

/**
 * One IndexedDB database per collection, each with one object store (see openCollection).
 * Records are laid out so that every write that must be atomic touches a
 * single store: a run's checkpoint, status and event batch all live in the runs store and are
 * written in one transaction; a dataset keeps its rows inside its own record. The one
 * cross-store sequence (saving a run's final program, then marking the run finished) is
 * ordered and idempotent instead (see finish-run.ts).
 */
export const DB_PREFIX = 'copa-playground-';

export type Collection = 'datasets' | 'programs' | 'runs' | 'lm-cache';

/**
 * The store of a collection, in idb-keyval's shape (its `createStore`, which reopens a closed
 * connection), but giving way to a newer version of the app: a connection that stayed open
 * through another tab's upgrade (`versionchange`) would block it, and that tab's storage would
 * wait for ever. This tab's next use opens the database again, at whatever version it has; its
 * records carry their own versions (see record-schema.ts).
 */
export function openCollection(name: Collection): UseStore {
  let opening: Promise<IDBDatabase> | undefined;
  const database = (): Promise<IDBDatabase> => {
    if (opening) return opening;
    const req = indexedDB.open(`${DB_PREFIX}${name}`);
    req.onupgradeneeded = () => req.result.createObjectStore(name);
    const opened = promisifyRequest(req);
    opening = opened;
    opened.then(
      (db) => {
        db.onclose = () => (opening = undefined);
        db.onversionchange = () => {
          db.close();
          opening = undefined;
        };
      },
      () => (opening = undefined),
    );
    return opened;
  };
  return (mode, callback) =>
    database().then((db) => callback(db.transaction(name, mode).objectStore(name)));
}

/** True for the quota errors of Chromium, Firefox and Safari. */
export function isQuotaError(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const e = err as { name?: unknown; code?: unknown };
  return (
    e.name === 'QuotaExceededError' ||
    e.name === 'NS_ERROR_DOM_QUOTA_REACHED' ||
    e.code === 22 ||
    e.code === 1014
  );
}

/** Maps a browser storage failure to a named error a user can act on. */
export function toStorageError(err: unknown): Error {
  if (isQuotaError(err)) return new StorageQuotaError();
  // Our own errors (and bugs) pass through; browser failures get a plain wrapper.
  if (err instanceof Error && !isDomException(err)) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new StorageError(`The browser's storage failed: ${message}`);
}

/**
 * Runs `body` in one transaction and resolves after it has committed. If `body` throws, the
 * transaction is aborted, so none of its writes are kept. `body` must only await IndexedDB
 * requests of this store (other awaits would let the transaction commit early).
 */
export async function transaction<T>(
  useStore: UseStore,
  mode: IDBTransactionMode,
  body: (store: IDBObjectStore) => Promise<T>,
): Promise<T> {
  try {
    return await useStore(mode, async (store) => {
      const committed = promisifyRequest(store.transaction);
      try {
        const result = await body(store);
        await committed;
        return result;
      } catch (err) {
        try {
          store.transaction.abort();
        } catch {
          // Already finished or aborted by the browser (e.g. on a quota error).
        }
        await committed.catch(() => undefined);
        throw err;
      }
    });
  } catch (err) {
    throw toStorageError(err);
  }
}

function isDomException(err: Error): boolean {
  return typeof DOMException !== 'undefined' && err instanceof DOMException;
}

/** A request's result as a promise (idb-keyval's helper, re-exported for the repositories). */
export function request<T>(req: IDBRequest<T>): Promise<T> {
  return promisifyRequest(req);
}
