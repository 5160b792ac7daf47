import type { CopaCheckpoint } from '../core/optimizers/checkpoint';
import type { EventsCallback, RunEvaluation, RunOutcome, RunRequest, RunsApi } from './api';
import { NOTHING_PAUSED, type RunController } from './run-controller';
import { requireStorage } from './storage-required';
import { WorkerStateError } from './worker-errors';
import type { StoredRuns } from './stored-runs';

/** COPA runs: stored (and so resumable after a reload) whenever the browser has storage. */
export class RunsService implements RunsApi {
  readonly #runner: RunController;
  readonly #stored: StoredRuns | null;
  readonly #onCancel: () => void;
  /** Whether the last run started was stored (else a plain resume continues it unsaved). */
  #lastSaved: boolean;

  /** `onCancel`: what else a cancel stops (an evaluation going on). */
  constructor(runner: RunController, stored: StoredRuns | null, onCancel: () => void) {
    this.#runner = runner;
    this.#stored = stored;
    this.#onCancel = onCancel;
    this.#lastSaved = stored !== null;
  }

  // Where the browser refuses storage the run still goes on, unsaved, as without IndexedDB
  // (the page says so, asking runsAreSaved).
  async startRun(request: RunRequest, onEvents: EventsCallback): Promise<RunOutcome> {
    this.#lastSaved = await this.runsAreSaved();
    if (this.#stored && this.#lastSaved) return this.#stored.start(request, onEvents);
    return this.#runner.start(request, onEvents);
  }

  async runsAreSaved(): Promise<boolean> {
    return this.#stored ? this.#stored.canSave() : false;
  }

  async pauseRun(): Promise<void> {
    this.#runner.pause();
  }

  async resumeRun(onEvents: EventsCallback, checkpoint?: CopaCheckpoint): Promise<RunOutcome> {
    // When runs are saved, only the stored paused run goes on: the runner's last run (one that
    // ended, say, before a start refused by a full disk) would go on again with nothing saved.
    if (this.#stored && this.#lastSaved && !checkpoint) {
      const paused = this.#stored.pausedRun;
      if (!paused) throw new WorkerStateError(NOTHING_PAUSED);
      return this.#stored.resume(paused, onEvents);
    }
    return this.#runner.resume(onEvents, checkpoint);
  }

  async cancelRun(): Promise<void> {
    this.#runner.cancel();
    this.#onCancel();
  }

  async listRuns() {
    return requireStorage(this.#stored).list();
  }

  async deleteRun(id: string): Promise<void> {
    return requireStorage(this.#stored).delete(id);
  }

  async renameRun(id: string, name: string) {
    return requireStorage(this.#stored).rename(id, name);
  }

  // From the Library the Optimize screen starts empty: the finished phases are retold first.
  async resumeStoredRun(runId: string, onEvents: EventsCallback): Promise<RunOutcome> {
    return requireStorage(this.#stored).resume(runId, onEvents, true);
  }

  async storedRunHistory(runId: string) {
    return requireStorage(this.#stored).history(runId);
  }

  async runReport(runId: string) {
    return requireStorage(this.#stored).report(runId);
  }

  async runLockState() {
    return requireStorage(this.#stored).lockState();
  }

  // Without storage there is nothing to reopen after a reload: no results, not an error.
  async storedRunResults(runId?: string) {
    return this.#stored ? this.#stored.results(runId) : null;
  }

  async saveRunEvaluation(
    runId: string,
    evaluation: Omit<RunEvaluation, 'evaluatedAt'>,
  ): Promise<void> {
    return requireStorage(this.#stored).saveEvaluation(runId, evaluation);
  }
}
