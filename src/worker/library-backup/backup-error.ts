import { CopaError } from '../../core/errors';

/** A file picked to restore is not a backup this version can read; nothing was changed. */
export class LibraryBackupError extends CopaError {
  constructor(message: string) {
    super('LibraryBackupError', message);
  }
}
