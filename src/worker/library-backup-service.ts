import type { LibraryBackupApi } from './api';
import { restoreLibrary } from './library-backup/restore-library';
import { writeLibraryBackup } from './library-backup/write-backup';
import type { StorageDeps } from './storage-deps';
import { requireStorage } from './storage-required';

/** The whole Library as one backup file, and restoring one; refused plainly without storage. */
export class LibraryBackupService implements LibraryBackupApi {
  readonly #storage: StorageDeps | null;

  constructor(storage: StorageDeps | null) {
    this.#storage = storage;
  }

  async backupLibrary() {
    return writeLibraryBackup(requireStorage(this.#storage));
  }

  async restoreLibrary(fileName: string, file: Blob) {
    return restoreLibrary(requireStorage(this.#storage), fileName, file);
  }
}
