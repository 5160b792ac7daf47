import type { LmCacheReport, SiteStorageApi, StorageStatus } from './api';
import type { RunController } from './run-controller';
import type { StorageDeps } from './storage-deps';
import { requireStorage } from './storage-required';

/** The model-answer cache and the browser's storage quota. */
export class SiteStorageService implements SiteStorageApi {
  readonly #storage: StorageDeps | null;
  readonly #runner: RunController;

  constructor(storage: StorageDeps | null, runner: RunController) {
    this.#storage = storage;
    this.#runner = runner;
  }

  async lmCacheReport(): Promise<LmCacheReport> {
    const stats = await requireStorage(this.#storage).lmCache.stats();
    return { entries: stats.entries, maxEntries: stats.maxEntries, bytes: stats.bytes };
  }

  async clearLmCache(): Promise<LmCacheReport> {
    this.#runner.assertIdle('clear the model-answer cache');
    await requireStorage(this.#storage).lmCache.clear();
    return this.lmCacheReport();
  }

  async storageStatus(): Promise<StorageStatus> {
    const e = await requireStorage(this.#storage)
      .estimator.estimate()
      .catch(() => null);
    return {
      usageBytes: e?.usage ?? null,
      quotaBytes: e?.quota ?? null,
      persisted: e?.persisted ?? false,
    };
  }
}
