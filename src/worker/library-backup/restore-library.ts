import type { ListResult } from '../../storage/repository';
import type { LibraryCollection, LibraryRestoreReport } from '../api';
import type { StorageDeps } from '../storage-deps';
import { LibraryBackupError } from './backup-error';
import { type BackedUpRun, LIBRARY_BACKUP_MAX_BYTES, type LibraryBackup } from './backup-format';
import { backupTooLargeMessage, readLibraryBackup } from './read-backup';
import { copyIdOf, planRestore, type StoredLibrary } from './restore-plan';

/**
 * Restores a backup file into the Library: reads and checks all of it first (a bad file changes
 * nothing), then adds what is not here yet (see planRestore); nothing stored is overwritten.
 */
export async function restoreLibrary(
  deps: StorageDeps,
  fileName: string,
  file: Blob,
): Promise<LibraryRestoreReport> {
  // Not read at all when it is too large: a mistaken pick of a huge file must not stall the worker.
  if (file.size > LIBRARY_BACKUP_MAX_BYTES)
    throw new LibraryBackupError(backupTooLargeMessage(fileName, file.size));
  const backup = readLibraryBackup(new Uint8Array(await file.arrayBuffer()), fileName);
  const plan = planRestore(backup, await storedFor(deps, backup), deps.newId);
  const report: LibraryRestoreReport = {
    fileName,
    fileBytes: file.size,
    added: plan.added,
    alreadyHere: plan.alreadyHere,
    copied: plan.copied,
    pausedRuns: plan.pausedRuns,
  };
  // IndexedDB has no transaction across the three databases, so each collection is written in
  // one transaction of its own (all its records or none), datasets first, then programs, then
  // runs: a record is written after those it refers to. If a write fails (say the storage is
  // full), the collections written before it are kept rather than rolled back: they are whole,
  // and nothing that was here before has changed. Restoring the same file again skips them and
  // writes the rest (a copy is found again by its derived id), which a rollback (itself a write
  // that can fail) would not make any safer.
  const steps: [LibraryCollection, () => Promise<void>][] = [
    ['datasets', () => deps.datasets.addAll(plan.datasets)],
    ['programs', () => deps.programs.addAll(plan.programs)],
    ['runs', () => deps.runs.addAllWithEvents(plan.runs)],
  ];
  for (const [i, [, write]] of steps.entries()) {
    try {
      await write();
    } catch (err) {
      const notRestored = steps.slice(i).map(([collection]) => collection);
      for (const c of notRestored) {
        report.added[c] = 0;
        report.copied[c] = 0;
      }
      if (notRestored.includes('runs')) report.pausedRuns = 0;
      const e = err instanceof Error ? err : new Error(String(err));
      return { ...report, failure: { notRestored, name: e.name, message: e.message } };
    }
  }
  return report;
}

/** The stored records a backup's records may meet: by their ids, and by their copies' ids. */
async function storedFor(deps: StorageDeps, backup: LibraryBackup): Promise<StoredLibrary> {
  const [datasets, programs, runs] = await Promise.all([
    deps.datasets.list(),
    deps.programs.list(),
    deps.runs.list(),
  ]);
  // Runs are compared with their event logs, read only for the runs a backup run may meet.
  const records = byId(runs);
  const wanted = backup.runs.flatMap((r) => [r.record.id, copyIdOf(r.record.id, r)]);
  const storedRuns = new Map<string, BackedUpRun | null>();
  for (const id of wanted) {
    const record = records.get(id);
    if (record === undefined) continue;
    storedRuns.set(id, record && { record, events: await deps.runs.events(id) });
  }
  return { datasets: byId(datasets), programs: byId(programs), runs: storedRuns };
}

/** Readable records by id, and null for the ids of those that cannot be read. */
function byId<T extends { id: string }>(listed: ListResult<T>): Map<string, T | null> {
  return new Map<string, T | null>([
    ...listed.records.map((r): [string, T] => [r.id, r]),
    ...listed.problems.map((p): [string, null] => [p.id, null]),
  ]);
}
