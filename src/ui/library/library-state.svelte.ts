import type { CopaClient } from '../../worker/client';
import { ProgramImportError } from '../../core/interop/errors';
import {
  PROGRAM_FILE_MAX_BYTES,
  programFileTooLargeMessage,
} from '../../core/interop/program-file-bytes';
import { DspyExportState } from '../results/dspy-export-state.svelte';
import { BackupState } from './backup-state.svelte';
import type {
  DatasetSummary,
  LmCacheReport,
  ProgramExportFormat,
  RunReport,
  ProgramSummary,
  RunLockState,
  RunSummary,
  StorageStatus,
  StoredProblem,
} from '../../worker/api';
import { toShown, type ShownError } from '../engine-state.svelte';
import { runReportFile, type RunReportFormat } from '../lib/run-report-markdown';
import { saveTextFile } from '../lib/save-file';
import { applyEvents, emptyRunView, type RunView } from '../optimize/run-view';

export type LibraryKind = 'dataset' | 'program' | 'run';

/** A stored record that could not be read, with the collection it is in (to delete it there). */
export type UnreadableRecord = StoredProblem & { kind: LibraryKind };

/** Saved datasets, programs and runs, with storage use and the answer cache. */
export class LibraryState {
  // Worker answers are replaced whole, never edited in place: no deep proxies.
  datasets = $state.raw<DatasetSummary[]>([]);
  programs = $state.raw<ProgramSummary[]>([]);
  runs = $state.raw<RunSummary[]>([]);
  problems = $state.raw<UnreadableRecord[]>([]);
  storage = $state.raw<StorageStatus | null>(null);
  cache = $state.raw<LmCacheReport | null>(null);
  lock = $state.raw<RunLockState>({ busy: false, here: false });
  persistence = $state<'granted' | 'denied' | 'unsupported' | null>(null);
  /** The item waiting for a second click to be deleted. */
  confirming = $state<{ kind: LibraryKind; id: string } | null>(null);
  #said = $state('');
  /** The record last renamed here and the name it was given. */
  #renamed = $state.raw<{ kind: LibraryKind; id: string; from: string; to: string } | null>(null);
  /** The past run whose phases are shown, its view rebuilt from the stored checkpoints. */
  shown = $state<{ id: string; view: RunView } | null>(null);
  error = $state<ShownError | null>(null);
  /** The past runs ticked to compare (at most two, in the order ticked). */
  comparing = $state<string[]>([]);
  /** The reports of the two runs compared, once both are ticked. */
  comparison = $state.raw<{ a: RunReport; b: RunReport } | null>(null);
  /** The DSPy export shown under one program, before it is downloaded. */
  readonly dspy: DspyExportState;
  /** The whole Library to one backup file, and back. */
  readonly backup: BackupState;

  constructor(private readonly client: CopaClient) {
    this.dspy = new DspyExportState(client);
    this.backup = new BackupState(client);
  }

  /**
   * What the last action came to, gone at the next one. A rename's holds only while the record
   * is listed under the name it was given: renamed again (here or in another tab) or deleted, it
   * would say what is no longer so.
   */
  get notice(): string {
    const r = this.#renamed;
    if (!r) return this.#said;
    return this.#listed(r.kind, r.id)?.name === r.to
      ? `Renamed the ${r.kind} “${r.from}” to “${r.to}”.`
      : '';
  }

  /**
   * The notice when it is the only sign of what an action did (a report that cannot be made,
   * say); a rename's is not: the new name shows in place.
   */
  get actionNotice(): string {
    return this.#renamed ? '' : this.#said;
  }

  set notice(text: string) {
    this.#said = text;
    this.#renamed = null;
  }

  #listed(kind: LibraryKind, id: string): { name: string } | undefined {
    const list =
      kind === 'dataset' ? this.datasets : kind === 'program' ? this.programs : this.runs;
    return list.find((r) => r.id === id);
  }

  /** Runs that can go on: cut off, paused, or stopped by an error after a finished phase. */
  get unfinished(): RunSummary[] {
    return this.runs.filter(canResume);
  }

  /** Runs that have ended (finished, cancelled, or failed before finishing a phase). */
  get past(): RunSummary[] {
    return this.runs.filter((r) => !canResume(r));
  }

  async refresh(): Promise<void> {
    // A refresh follows an import or a delete: it must not wipe that action's error.
    await this.guard(
      async () => {
        const [datasets, programs, runs, storage, cache, lock] = await Promise.all([
          this.client.listDatasets(),
          this.client.listPrograms(),
          this.client.listRuns(),
          this.client.storageStatus(),
          this.client.lmCacheReport(),
          this.client.runLockState(),
        ]);
        this.datasets = datasets.items;
        this.programs = programs.items;
        this.runs = runs.items;
        const of = (kind: LibraryKind, found: StoredProblem[]): UnreadableRecord[] =>
          found.map((p) => ({ ...p, kind }));
        this.problems = [
          ...of('dataset', datasets.problems),
          ...of('program', programs.problems),
          ...of('run', runs.problems),
        ];
        this.storage = storage;
        this.cache = cache;
        this.lock = lock;
      },
      { keepsError: true },
    );
    // Ask once per page for persistent storage, so saved work is not evicted silently.
    if (this.storage && !this.storage.persisted && this.persistence === null)
      await this.requestPersistence();
  }

  /** Asks the browser to keep this site's data under storage pressure (a page-only API). */
  async requestPersistence(): Promise<void> {
    const storage = typeof navigator === 'undefined' ? undefined : navigator.storage;
    if (!storage?.persist) {
      this.persistence = 'unsupported';
      return;
    }
    try {
      this.persistence = (await storage.persist()) ? 'granted' : 'denied';
    } catch {
      this.persistence = 'denied';
    }
    if (this.persistence === 'granted' && this.storage)
      this.storage = { ...this.storage, persisted: true };
  }

  /** First click asks, second click deletes; true once it is deleted. */
  async remove(kind: LibraryKind, id: string): Promise<boolean> {
    this.dropNotice();
    if (this.confirming?.kind !== kind || this.confirming.id !== id) {
      this.confirming = { kind, id };
      return false;
    }
    this.confirming = null;
    let deleted = false;
    await this.guard(async () => {
      if (kind === 'dataset') await this.client.deleteDataset(id);
      else if (kind === 'program') await this.client.deleteProgram(id);
      else await this.client.deleteRun(id);
      deleted = true;
    });
    if (deleted && kind === 'run' && this.comparing.includes(id)) {
      this.comparing = this.comparing.filter((c) => c !== id);
      this.comparison = null;
    }
    await this.refresh();
    return deleted;
  }

  /**
   * Gives a saved record a new name (the worker checks it again and changes nothing else);
   * the name as saved (trimmed by the worker) once it is saved, else null and the Library shows
   * why.
   */
  async rename(kind: LibraryKind, id: string, name: string): Promise<string | null> {
    let renamed: string | null = null;
    const from = this.#listed(kind, id)?.name ?? name;
    await this.guard(async () => {
      const saved =
        kind === 'dataset'
          ? await this.client.renameDataset(id, name)
          : kind === 'program'
            ? await this.client.renameProgram(id, name)
            : await this.client.renameRun(id, name);
      renamed = saved.name;
    });
    if (renamed === null) return null;
    await this.refresh();
    // The comparison shown names the run by its report: read again.
    if (kind === 'run' && this.comparing.includes(id)) await this.loadComparison();
    // Said once the lists have the new name (the notice holds only while they do).
    this.#renamed = { kind, id, from, to: renamed };
    return renamed;
  }

  /**
   * Ticks or unticks a run to compare; a third tick replaces the first. With two ticked, their
   * reports are read and shown side by side.
   */
  async toggleCompare(runId: string): Promise<void> {
    this.dropNotice();
    this.comparing = this.comparing.includes(runId)
      ? this.comparing.filter((id) => id !== runId)
      : [...this.comparing, runId].slice(-2);
    await this.loadComparison();
  }

  closeComparison(): void {
    this.comparing = [];
    this.comparison = null;
  }

  private async loadComparison(): Promise<void> {
    const picked = [...this.comparing];
    this.comparison = null;
    if (picked.length < 2) return;
    await this.guard(async () => {
      const [a, b] = await Promise.all(picked.map((id) => this.client.runReport(id)));
      // Ticks changed while the reports were read: the newer ticks' reading wins.
      if (picked.join('\n') !== this.comparing.join('\n')) return;
      if (a && b) this.comparison = { a, b };
      else this.notice = 'A run that stopped before its first score has nothing to compare yet.';
    });
  }

  /** The user starts another action (say, opens a rename field): the last notice goes. */
  dropNotice(): void {
    this.notice = '';
  }

  cancelRemove(): void {
    this.confirming = null;
  }

  async download(id: string, format: ProgramExportFormat): Promise<void> {
    await this.guard(async () => {
      saveTextFile(await this.client.exportProgram(id, format));
    });
  }

  /**
   * Opens a finished run's results (`open` shows them on Results); says why when they cannot
   * be shown, instead of doing nothing. A run's results are rebuilt from the data it ran on, so
   * a deleted dataset leaves only its report and its program.
   */
  async openResults(name: string, open: () => Promise<void>): Promise<void> {
    await this.guard(async () => {
      try {
        await open();
      } catch (err) {
        const shown = toShown(err);
        // Errors cross the worker by name and message only: the message names the collection.
        if (shown.name !== 'RecordNotFoundError' || !shown.message.startsWith('No dataset '))
          throw err;
        this.error = {
          name: 'RunResultsUnavailableError',
          message: `The results of “${name}” cannot be shown again: the data it ran on is no longer stored (it was deleted). Its report and its program are still here.`,
        };
      }
    });
  }

  /** Saves a stored run's report, as Markdown to read or as JSON to process. */
  async downloadReport(runId: string, format: RunReportFormat): Promise<void> {
    await this.guard(async () => {
      const report = await this.client.runReport(runId);
      if (report === null)
        this.notice = 'This run has no report yet: it stopped before its first score.';
      else saveTextFile(runReportFile(report, format));
    });
  }

  async importProgram(file: File): Promise<void> {
    await this.guard(async () => {
      // Not read at all when it is too large: a mistaken pick of a huge file must not stall the tab.
      if (file.size > PROGRAM_FILE_MAX_BYTES)
        throw new ProgramImportError(programFileTooLargeMessage(file.size));
      const bytes = new Uint8Array(await file.arrayBuffer());
      const saved = await this.client.importProgram(file.name, bytes);
      const notes = saved.importWarnings?.length ?? 0;
      // The notes themselves stay listed under the program; a notice is gone at the next action.
      this.notice = `Imported “${saved.name}”.${notes > 0 ? ` Read what the import changed or left out under its name (${notes} ${notes === 1 ? 'note' : 'notes'}).` : ''}`;
    });
    await this.refresh();
  }

  async clearCache(): Promise<void> {
    await this.guard(async () => {
      this.cache = await this.client.clearLmCache();
    });
  }

  /** Shows a stored run's phases as they happened (or hides them when shown). */
  async toggleHistory(runId: string): Promise<void> {
    if (this.shown?.id === runId) {
      this.shown = null;
      return;
    }
    await this.guard(async () => {
      const view = emptyRunView();
      applyEvents(view, await this.client.storedRunHistory(runId));
      this.shown = { id: runId, view };
    });
  }

  /** Hides the Library's error (the user has read it). */
  dismissError(): void {
    this.error = null;
  }

  /**
   * Runs a Library action and shows its error until the user acts again. `keepsError` is for
   * what the page does by itself (refreshing lists), which must not hide the last error.
   */
  private async guard(
    body: () => Promise<void>,
    { keepsError = false }: { keepsError?: boolean } = {},
  ): Promise<void> {
    if (!keepsError) {
      this.error = null;
      this.notice = '';
    }
    try {
      await body();
    } catch (err) {
      this.error = toShown(err);
    }
  }
}

// A failed run resumes from its last checkpoint too (the worker allows it); the first
// checkpoint is only the start, so one that failed before finishing a phase is just restarted.
function canResume(r: RunSummary): boolean {
  return (
    r.status === 'running' || r.status === 'paused' || (r.status === 'failed' && r.checkpoints > 1)
  );
}
