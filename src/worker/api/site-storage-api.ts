export interface LmCacheReport {
  entries: number;
  maxEntries: number;
  /** Size of the stored answers (UTF-8 bytes of their JSON). */
  bytes: number;
}

export interface StorageStatus {
  usageBytes: number | null;
  quotaBytes: number | null;
  persisted: boolean;
}

/** What the site stores besides models: the model-answer cache and the browser's quota. */
export interface SiteStorageApi {
  lmCacheReport(): Promise<LmCacheReport>;
  clearLmCache(): Promise<LmCacheReport>;
  storageStatus(): Promise<StorageStatus>;
}
