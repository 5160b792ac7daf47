import type { CopaClient } from '../../worker/client';
import { toShown, type ShownError } from '../engine-state.svelte';
import { saveTextFile } from '../lib/save-file';
import { backupNotice, restoreFailure, restoreNotice } from './backup-words';

/**
 * The Library's backup: the whole Library to one file, and back. The worker makes and reads the
 * file (parsing and checking a backup stays off the main thread); the page saves it and says
 * what happened beside the buttons, where the user is looking.
 */
export class BackupState {
  /** What is going on, while a backup is made or a file restored. */
  working = $state<'backup' | 'restore' | null>(null);
  notice = $state('');
  error = $state<ShownError | null>(null);

  constructor(private readonly client: CopaClient) {}

  async download(): Promise<void> {
    await this.act('backup', async () => {
      const file = await this.client.backupLibrary();
      saveTextFile(file);
      this.notice = backupNotice(file);
    });
  }

  /** Restores a picked file; true when something may have been added (the lists are refreshed). */
  async restore(file: File): Promise<boolean> {
    let wrote = false;
    await this.act('restore', async () => {
      // The file itself goes to the worker, which reads it: the page never holds its text.
      const report = await this.client.restoreLibrary(file.name, file);
      wrote = true;
      const failure = restoreFailure(report);
      if (failure) this.error = failure;
      else this.notice = restoreNotice(report);
    });
    return wrote;
  }

  dismissError(): void {
    this.error = null;
  }

  private async act(what: 'backup' | 'restore', body: () => Promise<void>): Promise<void> {
    this.working = what;
    this.error = null;
    this.notice = '';
    try {
      await body();
    } catch (err) {
      this.error = toShown(err);
    } finally {
      this.working = null;
    }
  }
}
