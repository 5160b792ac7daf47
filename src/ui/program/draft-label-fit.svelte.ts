import type { ProgramState } from '../../core/program';
import type { ScoringRules } from '../../core/scoring-rules';
import type { LabelMismatch } from '../../worker/api';
import type { CopaClient } from '../../worker/client';
import { LatestRequest } from '../lib/latest-request';
import { snapshot } from '../lib/snapshot.svelte';

/**
 * The label mismatches of the program being edited (one opened from the Library, say) against
 * the chosen data, asked after each edit: the worker's label check alone, not the whole task
 * overview, which would estimate a run's cost each time too.
 */
export class DraftLabelFit {
  mismatches = $state.raw<LabelMismatch[]>([]);
  readonly #latest = new LatestRequest();

  constructor(private readonly client: CopaClient) {}

  /** Checks the draft on the task's data (a stored dataset's when one is chosen). */
  async check(
    taskId: string | null,
    datasetId: string | null,
    program: ProgramState,
    rules: ScoringRules,
  ): Promise<void> {
    const isNewest = this.#latest.start();
    if (!taskId) {
      this.mismatches = [];
      return;
    }
    try {
      const mismatches = await this.client.labelMismatches({
        task: { kind: 'builtin', taskId, program: snapshot(program), ...snapshot(rules) },
        ...(datasetId ? { datasetId } : {}),
      });
      if (isNewest()) this.mismatches = mismatches;
    } catch {
      // A draft the worker refuses (a field the data lacks, say) is explained by the field
      // checks beside it; its labels cannot be weighed until then.
      if (isNewest()) this.mismatches = [];
    }
  }

  /** Nothing to check (the draft has problems of its own): no stale note stays. */
  clear(): void {
    this.#latest.start();
    this.mismatches = [];
  }
}
