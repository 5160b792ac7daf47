import type { JsonValue } from '../../core/json';
import type { DatasetRecord } from '../../storage/datasets';
import type { ProgramRecord } from '../../storage/programs';
import type { RunRecord } from '../../storage/runs';

/** What a backup file says it is, so that no other JSON file is taken for one. */
export const LIBRARY_BACKUP_FORMAT = 'copa-playground-library';
/** Raised when the file's layout changes; a newer backup is refused, an older one read. */
export const LIBRARY_BACKUP_VERSION = 1;
/**
 * Larger files are refused before they are read: parsing one holds it in memory several times
 * over. A library of many datasets at the 5,000-row import limit and dozens of runs stays well
 * under it.
 */
export const LIBRARY_BACKUP_MAX_BYTES = 200_000_000;
/**
 * Nesting of objects and lists anywhere in a backup: a run's checkpoint reaches about 12 levels
 * with a JSON value inside; much more is no backup (and would be walked by deep recursion).
 */
export const LIBRARY_BACKUP_MAX_DEPTH = 64;

/** A run as a backup holds it: its stored record and its event log, in order. */
export interface BackedUpRun {
  record: RunRecord;
  events: JsonValue[];
}

/** The whole Library: each record as it is stored (with its schema version). */
export interface LibraryBackup {
  format: typeof LIBRARY_BACKUP_FORMAT;
  version: number;
  exportedAt: string;
  /** The app build that wrote it (src/core/app-build.ts), to tell where a backup came from. */
  app: string;
  datasets: DatasetRecord[];
  programs: ProgramRecord[];
  runs: BackedUpRun[];
}

/** `copa-library-2025-03-14.json`, dated in the user's own time zone. */
export function backupFileName(now: Date): string {
  const two = (n: number): string => String(n).padStart(2, '0');
  return `copa-library-${now.getFullYear()}-${two(now.getMonth() + 1)}-${two(now.getDate())}.json`;
}
