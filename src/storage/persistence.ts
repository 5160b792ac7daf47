/** What the browser says about this site's storage. */
export interface StorageEstimate {
  usageBytes: number;
  quotaBytes: number;
  persisted: boolean;
}

interface StorageManagerLike {
  persist?(): Promise<boolean>;
  persisted?(): Promise<boolean>;
  estimate?(): Promise<{ usage?: number; quota?: number }>;
}

function storageManager(): StorageManagerLike | undefined {
  return (globalThis as { navigator?: { storage?: StorageManagerLike } }).navigator?.storage;
}

/**
 * Asks the browser not to evict this site's data under storage pressure
 * (`navigator.storage.persist()`). Chromium decides without a prompt.
 */
export async function requestPersistentStorage(
  manager: StorageManagerLike | undefined = storageManager(),
): Promise<'granted' | 'denied' | 'unsupported'> {
  if (!manager?.persist) return 'unsupported';
  try {
    if (manager.persisted && (await manager.persisted())) return 'granted';
    return (await manager.persist()) ? 'granted' : 'denied';
  } catch {
    return 'denied';
  }
}

/** Usage and quota in bytes, or undefined where the browser does not tell. */
export async function storageEstimate(
  manager: StorageManagerLike | undefined = storageManager(),
): Promise<StorageEstimate | undefined> {
  if (!manager?.estimate) return undefined;
  const { usage = 0, quota = 0 } = await manager.estimate();
  const persisted = manager.persisted ? await manager.persisted().catch(() => false) : false;
  return { usageBytes: usage, quotaBytes: quota, persisted };
}
