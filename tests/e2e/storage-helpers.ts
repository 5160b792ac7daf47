import { expect, type Locator, type Page } from '@playwright/test';
import { openScreen } from './screens';

/** Every record of one of the app's IndexedDB collections, read in the page. */
export async function storedRecords<T>(page: Page, collection: string): Promise<T[]> {
  return page.evaluate(async (name) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open(`copa-playground-${name}`);
      req.onupgradeneeded = () => req.result.createObjectStore(name);
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    try {
      return await new Promise<unknown[]>((resolve, reject) => {
        const req = db
          .transaction(name, 'readonly')
          .objectStore(name)
          .getAll(IDBKeyRange.bound('', [], false, true));
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
    } finally {
      db.close();
    }
  }, collection) as Promise<T[]>;
}

/** Writes one raw record into a collection, behind the app's back (a damaged disk, an old build). */
export async function putStoredRecord(
  page: Page,
  collection: string,
  key: string,
  value: unknown,
): Promise<void> {
  await page.evaluate(
    async ({ name, key, value }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const req = indexedDB.open(`copa-playground-${name}`);
        req.onupgradeneeded = () => req.result.createObjectStore(name);
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      await new Promise<void>((resolve, reject) => {
        const tx = db.transaction(name, 'readwrite');
        tx.objectStore(name).put(value, key);
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
      });
      db.close();
    },
    { name: collection, key, value },
  );
}

/** Opens the app on a screen and waits until the stand-in answers (the app picks it at start). */
export async function openWithStandIn(page: Page, screen = 'optimize', delayMs = 0): Promise<void> {
  await page.goto(`/#/${screen === 'optimize' && delayMs > 0 ? 'model' : screen}`);
  if (delayMs > 0) {
    await page.getByLabel('Simulated delay per call (ms)').fill(String(delayMs));
    await page.getByRole('button', { name: 'Use the stand-in model' }).click();
    await page.goto(`/#/${screen}`);
  }
  await expect
    .poll(() => page.evaluate(() => document.body.innerText.includes('Stand-in')), {
      timeout: 15_000,
    })
    .toBe(true);
}

/** Starts a COPA run from the Optimize screen with the given number of cycles. */
export async function startRun(page: Page, cycles: number): Promise<void> {
  await page.getByLabel('Cycles').fill(String(cycles));
  await page.getByRole('button', { name: 'Start run' }).click();
}

/** Starts a run of `cycles` cycles on the Optimize screen and waits until it has finished. */
export async function runToFinish(page: Page, cycles: number): Promise<void> {
  await startRun(page, cycles);
  await expect(page.getByTestId('run-status')).toContainText('Finished', { timeout: 60_000 });
}

/**
 * Two one-cycle stand-in runs of the ticket router, seeds 1 and 2 (runs of one task, told apart
 * by their seed), then the Library: its list of past runs.
 */
export async function twoFinishedRunsInLibrary(page: Page): Promise<Locator> {
  await openWithStandIn(page);
  await page.getByLabel('Seed').fill('1');
  await runToFinish(page, 1);
  await page.getByLabel('Seed').fill('2');
  await runToFinish(page, 1);
  await openScreen(page, 'Library');
  return page.getByTestId('past-runs');
}

/**
 * Waits until the run in progress has saved a finished phase (a second checkpoint after the
 * start), so a reload or a dead worker leaves something to resume from.
 */
export async function untilPhaseSaved(page: Page): Promise<void> {
  await expect
    .poll(
      async () => {
        const runs = await storedRecords<StoredRun>(page, 'runs');
        return runs.find((r) => r.status === 'running')?.checkpoints.length ?? 0;
      },
      { timeout: 60_000, intervals: [250] },
    )
    .toBeGreaterThanOrEqual(2);
}

export interface StoredProgram {
  id: string;
  savedAt: string;
  runId?: string;
  program: unknown;
  provenance?: { seed: number; engine: string };
}

export interface StoredRun {
  id: string;
  status: string;
  checkpoints: unknown[];
  programId?: string;
}
