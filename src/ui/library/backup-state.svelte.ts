import type { CopaClient } from '../../worker/client';
import { toShown, type ShownError } from '../engine-state.svelte';
import { saveTextFile } from '../lib/save-file';
import type { StorageStatus } from '../../worker/api';
import { backupNotice, restoreFailure, restoreNotice } from './backup-words';
import { restoreSpaceWarning, storageChangeWords, storageNowWords } from './storage-words';

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
  /**
   * A picked backup larger than the space the browser says is left, with why: restored only
   * when the user asks again (the estimate may be wrong), else nothing happens.
   */
  tooBig = $state.raw<{ file: File; warning: string } | null>(null);

  constructor(private readonly client: CopaClient) {}

  async download(): Promise<void> {
    await this.act('backup', async () => {
      const file = await this.client.backupLibrary();
      saveTextFile(file);
      this.notice = joinedWords(backupNotice(file), storageNowWords(await this.storageNow()));
    });
  }

  /**
   * Restores a picked file; true when something may have been added (the lists are refreshed).
   * A file larger than the space left waits for `anyway` (see tooBig).
   */
  async restore(file: File, anyway = false): Promise<boolean> {
    this.tooBig = null;
    let wrote = false;
    await this.act('restore', async () => {
      const before = await this.storageNow();
      const warning = anyway ? null : restoreSpaceWarning(file.name, file.size, before);
      if (warning !== null) {
        this.tooBig = { file, warning };
        return;
      }
      // The file itself goes to the worker, which reads it: the page never holds its text.
      const report = await this.client.restoreLibrary(file.name, file);
      wrote = true;
      const failure = restoreFailure(report);
      if (failure) this.error = failure;
      else
        this.notice = joinedWords(
          restoreNotice(report),
          storageChangeWords(before, await this.storageNow()),
        );
    });
    return wrote;
  }

  /** The file held back as too big, restored after all (the user's choice). */
  async restoreAnyway(): Promise<boolean> {
    const held = this.tooBig;
    return held ? this.restore(held.file, true) : false;
  }

  /** The file held back as too big is not restored. */
  keepOut(): void {
    this.tooBig = null;
  }

  /** The browser's estimate, or null when it tells none (a note then leaves storage out). */
  private async storageNow(): Promise<StorageStatus | null> {
    return this.client.storageStatus().catch(() => null);
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

const joinedWords = (...parts: string[]): string => parts.filter((p) => p !== '').join(' ');
