import { describe, expect, it } from 'vitest';
import { BackupState } from '../../../src/ui/library/backup-state.svelte';
import { spaceLeft, storageLine } from '../../../src/ui/library/storage-words';
import type { CopaClient } from '../../../src/worker/client';
import type { LibraryRestoreReport, StorageStatus } from '../../../src/worker/api';

const none = { datasets: 0, programs: 0, runs: 0 };

/** A client whose storage use grows by `grows` bytes with each restore. */
function fakeClient(start: StorageStatus | null, grows: number) {
  let status = start;
  const restored: string[] = [];
  const client = {
    storageStatus: () =>
      status === null ? Promise.reject(new Error('no estimate')) : Promise.resolve(status),
    restoreLibrary: (fileName: string): Promise<LibraryRestoreReport> => {
      restored.push(fileName);
      if (status?.usageBytes != null) status = { ...status, usageBytes: status.usageBytes + grows };
      return Promise.resolve({
        fileName,
        fileBytes: 3_000_000,
        added: { datasets: 1, programs: 0, runs: 2 },
        alreadyHere: none,
        copied: none,
        pausedRuns: 0,
      });
    },
  } as unknown as CopaClient;
  return { client, restored };
}

const file = (bytes: number): File => new File([new Uint8Array(bytes)], 'copa-library.json');

describe('BackupState, the storage a restore needs', () => {
  it('restores a file that fits and says the storage used before and now', async () => {
    const { client, restored } = fakeClient(
      { usageBytes: 1_200_000, quotaBytes: 10_000_000, persisted: false },
      2_300_000,
    );
    const backup = new BackupState(client);
    expect(await backup.restore(file(3_000_000))).toBe(true);
    expect(restored).toEqual(['copa-library.json']);
    expect(backup.tooBig).toBeNull();
    expect(backup.notice).toMatch(/^Restored 1 dataset and 2 runs from copa-library\.json/);
    expect(backup.notice).toMatch(/ Storage used: 1\.2 MB before, 3\.5 MB now\.$/);
  });

  it('holds back a file larger than the space left, says so, and restores it only when asked again', async () => {
    const { client, restored } = fakeClient(
      { usageBytes: 9_000_000, quotaBytes: 10_000_000, persisted: true },
      2_000_000,
    );
    const backup = new BackupState(client);
    expect(await backup.restore(file(3_000_000))).toBe(false);
    expect(restored).toEqual([]);
    expect(backup.notice).toBe('');
    expect(backup.tooBig?.warning).toBe(
      'copa-library.json (3.0 MB) is larger than the 1.0 MB this browser says it has left for this site, so the restore may stop part-way. Free space first (delete runs or models you no longer need, or clear cached answers), or restore it anyway.',
    );
    backup.keepOut();
    expect(backup.tooBig).toBeNull();
    expect(restored).toEqual([]);

    await backup.restore(file(3_000_000));
    expect(await backup.restoreAnyway()).toBe(true);
    expect(restored).toEqual(['copa-library.json']);
    expect(backup.tooBig).toBeNull();
    expect(backup.notice).toMatch(/Storage used: 9\.0 MB before, 11\.0 MB now\.$/);
  });

  it('restores without a word on storage when the browser gives no estimate', async () => {
    const { client, restored } = fakeClient(null, 0);
    const backup = new BackupState(client);
    expect(await backup.restore(file(3_000_000))).toBe(true);
    expect(restored).toEqual(['copa-library.json']);
    expect(backup.notice).not.toMatch(/Storage|storage/);
  });
});

describe('the Storage line', () => {
  it('says the space left, and that the numbers are the browser’s estimates', () => {
    const status = { usageBytes: 12_000, quotaBytes: 10_737_418_240, persisted: false };
    expect(spaceLeft(status)).toBe(10_737_406_240);
    expect(storageLine(status)).toBe(
      "Using 12 kB of 10.7 GB available, 10.7 GB left (the browser's estimates)",
    );
    expect(spaceLeft({ usageBytes: null, quotaBytes: 5, persisted: false })).toBeNull();
    expect(storageLine(null)).toBe("Using — of — available (the browser's estimates)");
    // A browser that counts more than its quota leaves no space, not a negative one.
    expect(spaceLeft({ usageBytes: 7, quotaBytes: 5, persisted: false })).toBe(0);
  });
});
