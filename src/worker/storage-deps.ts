import { DatasetRepository } from '../storage/datasets';
import { IdbCacheStore } from '../storage/lm-cache-store';
import { ProgramRepository } from '../storage/programs';
import { defaultRunLocks, type RunLockManager } from '../storage/run-lock';
import { RunRepository } from '../storage/runs';

/** What the browser says about the site's storage (navigator.storage in the app). */
export interface StorageEstimator {
  estimate(): Promise<{ usage: number | null; quota: number | null; persisted: boolean }>;
}

/** The worker's stores. Optional in ServiceDeps so engine-only tests need no IndexedDB. */
export interface StorageDeps {
  datasets: DatasetRepository;
  programs: ProgramRepository;
  runs: RunRepository;
  lmCache: IdbCacheStore;
  locks: RunLockManager;
  estimator: StorageEstimator;
  /** Ids for new records (random in the app, a counter in tests). */
  newId: () => string;
  now?: () => Date;
}

/** The stores of the app, in IndexedDB, with Web Locks and navigator.storage. */
export function browserStorageDeps(): StorageDeps {
  return {
    datasets: new DatasetRepository(),
    programs: new ProgramRepository(),
    runs: new RunRepository(),
    lmCache: new IdbCacheStore(),
    locks: defaultRunLocks(),
    estimator: { estimate: navigatorEstimate },
    newId: randomId,
  };
}

async function navigatorEstimate(): Promise<{
  usage: number | null;
  quota: number | null;
  persisted: boolean;
}> {
  const storage = typeof navigator === 'undefined' ? undefined : navigator.storage;
  if (!storage?.estimate) return { usage: null, quota: null, persisted: false };
  const e = await storage.estimate();
  const persisted = storage.persisted ? await storage.persisted().catch(() => false) : false;
  return { usage: e.usage ?? null, quota: e.quota ?? null, persisted };
}

/** A random id; randomUUID exists only in secure contexts (https, localhost). */
function randomId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
