import type { ProgramState } from '../core/program';
import { snapshot } from './lib/snapshot.svelte';
import type { EvaluateSummary, StoredRunResults } from '../worker/api';
import type { CopaClient } from '../worker/client';
import { toShown, type ShownError } from './engine-state.svelte';
import { exportSlug } from '../core/interop/dataset/task-naming';
import {
  comparedRows,
  filterRows,
  type ComparedRow,
  type GoldLabelFilter,
  type ResultFilter,
} from './lib/compared-rows';
import { resultsCsv } from './lib/results-csv';
import { saveTextFile } from './lib/save-file';
import { pairedComparison, type PairedComparison } from './lib/paired-comparison';
import type { RunState } from './run-state.svelte';
import type { TaskState } from './task-state.svelte';

/** Baseline against optimized program on the test set, evaluated in the worker. */
export class ResultsState {
  // Worker answers are replaced whole, never edited: no deep proxy.
  baseline = $state.raw<EvaluateSummary | null>(null);
  optimized = $state.raw<EvaluateSummary | null>(null);
  evaluating = $state<'baseline' | 'optimized' | null>(null);
  progress = $state<{ done: number; total: number } | null>(null);
  error = $state<ShownError | null>(null);
  filter = $state<ResultFilter>('all');
  /** The gold label whose examples alone are listed (chosen in the scores by label). */
  labelFilter = $state<GoldLabelFilter | null>(null);
  /** Which run's program was evaluated (to tell when results are stale). */
  evaluatedFor = $state<ProgramState | null>(null);

  constructor(
    private readonly client: CopaClient,
    private readonly task: TaskState,
    private readonly run: RunState,
  ) {}

  readonly rows: ComparedRow[] = $derived(comparedRows(this.baseline, this.optimized));

  /** Baseline against optimized on the test examples both were scored on. */
  readonly comparison: PairedComparison | null = $derived.by(() => {
    const both = this.rows.flatMap((r) =>
      r.baseline && r.optimized ? [[r.baseline.score, r.optimized.score] as const] : [],
    );
    return pairedComparison(
      both.map(([b]) => b),
      both.map(([, o]) => o),
    );
  });

  readonly filtered: ComparedRow[] = $derived(filterRows(this.rows, this.filter, this.labelFilter));

  /** Saves every example's comparison (not only the filtered ones) as a CSV file. */
  async saveCsv(): Promise<void> {
    try {
      const text = await resultsCsv(this.rows);
      saveTextFile({
        fileName: `copa-results-${exportSlug(this.task.name ?? 'task')}.csv`,
        mimeType: 'text/csv',
        text,
      });
    } catch (err) {
      this.error = toShown(err);
    }
  }

  /** Forgets the evaluation shown (the task or its data changed). */
  clear(): void {
    if (this.evaluating) return;
    this.baseline = null;
    this.optimized = null;
    this.evaluatedFor = null;
    this.error = null;
    this.labelFilter = null;
  }

  /** Shows the evaluation kept with a stored run (after a reload), or clears an older one. */
  showStored(stored: StoredRunResults): void {
    if (this.evaluating) return;
    this.baseline = stored.evaluation?.baseline ?? null;
    this.optimized = stored.evaluation?.optimized ?? null;
    this.evaluatedFor = stored.evaluation?.optimized ? snapshot(stored.bestProgram) : null;
    this.labelFilter = null;
  }

  /** Keeps the evaluation with the run it scored, so a reload shows it again. */
  private async keep(runId: string | undefined): Promise<void> {
    if (!runId || !this.baseline) return;
    try {
      await this.client.saveRunEvaluation(runId, {
        baseline: this.baseline,
        optimized: this.optimized,
      });
    } catch (err) {
      // A run deleted meanwhile (in another tab) has nothing to keep them with. Any other
      // failure (full storage) is said: the scores look kept, and a reload would lose them.
      const shown = toShown(err);
      if (shown.name !== 'RecordNotFoundError')
        this.error = {
          name: shown.name,
          message: `These test scores are shown but not kept with the run, so a reload will not show them again: ${shown.message}`,
        };
    }
  }

  async evaluate(): Promise<void> {
    // The worker reads a stored dataset's examples itself, as for runs.
    const ref = this.task.ref();
    const onData = this.task.datasetId ? { datasetId: this.task.datasetId } : {};
    const start = this.run.startProgram;
    const runId = this.run.runId;
    if (!ref || this.evaluating) return;
    // One copy of the best program, sent to be scored and kept as what was scored: copying it
    // again when the scores came in lengthened the task that shows them.
    const best = this.run.bestProgram ? snapshot(this.run.bestProgram) : null;
    this.error = null;
    this.baseline = null;
    this.optimized = null;
    this.labelFilter = null;
    try {
      this.evaluating = 'baseline';
      this.baseline = await this.client.evaluateProgram(
        { task: ref, split: 'test', ...onData, ...(start ? { program: snapshot(start) } : {}) },
        (done, total) => (this.progress = { done, total }),
      );
      if (best) {
        this.evaluating = 'optimized';
        this.optimized = await this.client.evaluateProgram(
          { task: ref, split: 'test', ...onData, program: best },
          (done, total) => (this.progress = { done, total }),
        );
      }
      this.evaluatedFor = best;
      if (best && this.optimized?.stoppedReason === 'completed') await this.keep(runId);
    } catch (err) {
      this.error = toShown(err);
    } finally {
      this.evaluating = null;
      this.progress = null;
    }
  }

  async cancel(): Promise<void> {
    await this.client.cancelEvaluation();
  }
}
