import { APP_BUILD } from '../../core/app-build';
import { CorruptRecordError, NewerRecordError } from '../../storage/errors';
import type { LibraryBackupFile } from '../api';
import type { StorageDeps } from '../storage-deps';
import {
  type BackedUpRun,
  backupFileName,
  LIBRARY_BACKUP_FORMAT,
  LIBRARY_BACKUP_MAX_BYTES,
  LIBRARY_BACKUP_VERSION,
  type LibraryBackup,
} from './backup-format';
import { restorableDataset, restorableProgram, restorableRun } from './restorable-records';

/**
 * Every record of the Library that a restore can read back, as one JSON file. A record that
 * cannot be read (damaged, or saved by a newer version) is left out and counted, as the Library
 * lists it apart; the model-answer cache is not included (it is a cache: a run asks the model
 * again for what is missing).
 */
export async function writeLibraryBackup(deps: StorageDeps): Promise<LibraryBackupFile> {
  const [datasets, programs, runs] = await Promise.all([
    deps.datasets.list(),
    deps.programs.list(),
    deps.runs.list(),
  ]);
  const leftOut = {
    datasets: datasets.problems.length,
    programs: programs.problems.length,
    runs: runs.problems.length,
  };
  const backup: LibraryBackup = {
    format: LIBRARY_BACKUP_FORMAT,
    version: LIBRARY_BACKUP_VERSION,
    exportedAt: (deps.now?.() ?? new Date()).toISOString(),
    app: APP_BUILD,
    datasets: readable(
      datasets.records,
      (r) => restorableDataset(r, r.id),
      () => leftOut.datasets++,
    ),
    programs: readable(
      programs.records,
      (r) => restorableProgram(r, r.id),
      () => leftOut.programs++,
    ),
    runs: [],
  };
  for (const record of runs.records) {
    const events = await deps.runs.events(record.id);
    backup.runs.push(
      ...readable(
        [record],
        (r): BackedUpRun => restorableRun(r, events, r.id),
        () => leftOut.runs++,
      ),
    );
  }
  const text = JSON.stringify(backup);
  return {
    fileName: backupFileName(deps.now?.() ?? new Date()),
    mimeType: 'application/json',
    text,
    bytes: new TextEncoder().encode(text).length,
    included: {
      datasets: backup.datasets.length,
      programs: backup.programs.length,
      runs: backup.runs.length,
    },
    leftOut,
    restoreLimitBytes: LIBRARY_BACKUP_MAX_BYTES,
  };
}

/** The records that pass `check`; the others are counted, unless the failure is not theirs. */
function readable<T, R>(records: T[], check: (r: T) => R, unreadable: () => void): R[] {
  const out: R[] = [];
  for (const r of records) {
    try {
      out.push(check(r));
    } catch (err) {
      if (!(err instanceof CorruptRecordError || err instanceof NewerRecordError)) throw err;
      unreadable();
    }
  }
  return out;
}
