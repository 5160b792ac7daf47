import { describe, expect, it } from 'vitest';
import {
  backupNotice,
  countsWords,
  restoreFailure,
  restoreNotice,
} from '../../../src/ui/library/backup-words';
import type { LibraryBackupFile, LibraryRestoreReport } from '../../../src/worker/api';

const none = { datasets: 0, programs: 0, runs: 0 };

function report(over: Partial<LibraryRestoreReport>): LibraryRestoreReport {
  return {
    fileName: 'copa-library-2025-03-14.json',
    fileBytes: 1_234_567,
    added: none,
    alreadyHere: none,
    copied: none,
    pausedRuns: 0,
    ...over,
  };
}

function backup(over: Partial<LibraryBackupFile>): LibraryBackupFile {
  return {
    fileName: 'copa-library-2025-03-14.json',
    mimeType: 'application/json',
    text: '{}',
    bytes: 58_000,
    included: { datasets: 1, programs: 2, runs: 1 },
    leftOut: none,
    restoreLimitBytes: 200_000_000,
    ...over,
  };
}

describe('backup words', () => {
  it('counts collections in the singular for one and leaves out the empty ones', () => {
    expect(countsWords({ datasets: 3, programs: 5, runs: 2 })).toBe(
      '3 datasets, 5 programs and 2 runs',
    );
    expect(countsWords({ datasets: 0, programs: 1, runs: 1 })).toBe('1 program and 1 run');
  });

  it('a backup says its file, size and content, what it left out, and when it is too large', () => {
    expect(backupNotice(backup({}))).toBe(
      'Saved copa-library-2025-03-14.json (58 kB) with 1 dataset, 2 programs and 1 run.',
    );
    const notice = backupNotice(
      backup({ leftOut: { datasets: 0, programs: 1, runs: 0 }, bytes: 250_000_000 }),
    );
    expect(notice).toContain('Left out 1 program that cannot be read');
    expect(notice).toContain('larger than the 200.0 MB a restore reads');
    expect(backupNotice(backup({ included: none }))).toContain('nothing (the Library is empty)');
  });

  it('a restore says what it added, what was already here and what became a copy', () => {
    expect(
      restoreNotice(
        report({
          added: { datasets: 3, programs: 5, runs: 1 },
          copied: { datasets: 0, programs: 0, runs: 1 },
          alreadyHere: { datasets: 0, programs: 1, runs: 0 },
        }),
      ),
    ).toBe(
      'Restored 3 datasets, 5 programs and 2 runs from copa-library-2025-03-14.json (1.2 MB); 1 program was already here; 1 run was added as a copy because a different run had its id.',
    );
    expect(restoreNotice(report({ alreadyHere: { datasets: 1, programs: 2, runs: 0 } }))).toBe(
      'Nothing new in copa-library-2025-03-14.json (1.2 MB): everything in it is already here.',
    );
    expect(
      restoreNotice(report({ added: { datasets: 0, programs: 0, runs: 2 }, pausedRuns: 1 })),
    ).toContain('1 run running when the backup was made is paused here');
  });

  it('a restore stopped part-way says what was restored, what was not and why', () => {
    expect(restoreFailure(report({ added: { datasets: 1, programs: 0, runs: 0 } }))).toBeNull();
    expect(
      restoreFailure(
        report({
          added: { datasets: 1, programs: 0, runs: 0 },
          failure: {
            notRestored: ['programs', 'runs'],
            name: 'StorageQuotaError',
            message: 'The storage is full.',
          },
        }),
      ),
    ).toEqual({
      name: 'StorageQuotaError',
      message:
        'Restored 1 dataset from copa-library-2025-03-14.json. The programs and the runs in the backup were not restored: The storage is full. When that is fixed, restore the same file again: what is already here is skipped.',
    });
  });
});
