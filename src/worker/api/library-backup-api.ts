import type { ExportedFile } from './programs-api';

/** How many records of each collection; the words for them are the page's. */
export interface LibraryCounts {
  datasets: number;
  programs: number;
  runs: number;
}

/** A backup ready to download, with what it holds and what it had to leave out. */
export interface LibraryBackupFile extends ExportedFile {
  /** UTF-8 bytes of `text`: the size of the downloaded file. */
  bytes: number;
  included: LibraryCounts;
  /** Records that could not be read (damaged, or saved by a newer version): not in the file. */
  leftOut: LibraryCounts;
  /** The largest backup a restore reads: a larger one is saved, but the page must say so. */
  restoreLimitBytes: number;
}

/** The collections in the order a restore writes them (what a record refers to comes first). */
export type LibraryCollection = keyof LibraryCounts;

/** What a restore did: each backup record was added, found already here, or added as a copy. */
export interface LibraryRestoreReport {
  fileName: string;
  /** Bytes of the backup file read. */
  fileBytes: number;
  /** Records added under their own id. */
  added: LibraryCounts;
  /** Records with an id already here and the same content: left as they were. */
  alreadyHere: LibraryCounts;
  /** Records whose id was taken by different content: added under a new id, named "… (restored)". */
  copied: LibraryCounts;
  /** Runs stored as running in the backup, restored as paused (they can be resumed). */
  pausedRuns: number;
  /**
   * Set when writing stopped (say, storage full): the collections not restored, and why. The
   * counts above then cover only what was written; each collection is written whole or not at all.
   */
  failure?: { notRestored: LibraryCollection[]; name: string; message: string };
}

/** The whole Library as one file, and back. The model-answer cache is not part of it. */
export interface LibraryBackupApi {
  /** Every readable dataset, program and run (with its events, checkpoints and evaluation). */
  backupLibrary(): Promise<LibraryBackupFile>;
  /**
   * Reads a backup file (in the worker, from the picked file itself), checks all of it, then adds
   * what is not here yet; nothing saved is ever overwritten. Throws LibraryBackupError for a
   * file that is not a backup this version can read, with nothing changed.
   */
  restoreLibrary(fileName: string, file: Blob): Promise<LibraryRestoreReport>;
}
