import type { RunSummary } from '../worker/api';
import type { CopaClient } from '../worker/client';
import { toShown, type ShownError } from './engine-state.svelte';

/** Set before a reload that should resume the unfinished run (read once after the reload). */
const RESUME_KEY = 'copa-resume-after-reload';

/**
 * Whether the optimizer worker is alive, as the page sees it. When it dies or hangs, the
 * client rejects every call (so nothing shows "Running…" for ever) and this offers a reload
 * that resumes the unfinished run from its last checkpoint.
 */
export class WorkerHealth {
  gone = $state.raw<ShownError | null>(null);

  constructor(client: CopaClient) {
    client.onWorkerGone((err) => (this.gone = toShown(err)));
  }

  /** Reloads the page (a new worker); afterwards the last unfinished run resumes. */
  reloadAndResume(): void {
    try {
      sessionStorage.setItem(RESUME_KEY, '1');
    } catch {
      // Storage refused: the reload still happens; the Library offers the resume.
    }
    location.reload();
  }

  /** True once after "Reload and resume" was pressed (the flag is cleared when read). */
  static takeResumeRequest(): boolean {
    try {
      const asked = sessionStorage.getItem(RESUME_KEY) === '1';
      sessionStorage.removeItem(RESUME_KEY);
      return asked;
    } catch {
      return false;
    }
  }
}

/** The run to resume after a reload: the most recently saved unfinished one with a checkpoint. */
export function runToResume(runs: readonly RunSummary[]): RunSummary | null {
  return (
    runs
      .filter((r) => (r.status === 'running' || r.status === 'paused') && r.checkpoints > 0)
      .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))[0] ?? null
  );
}
