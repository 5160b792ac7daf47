import type { ConstraintSpec } from '../core/constraints';
import type { FieldValues } from '../core/example';
import type { ProgramState } from '../core/program';
import type { UnsavedEdit } from './program/unsaved-edit';
import type { KeptTry, PendingTry } from './try/kept-try';
import type { CopaConfig } from '../core/optimizers/copa-config';
import type { MetricId } from '../core/metrics';
import type {
  DatasetSummary,
  MetricChoice,
  TaskMetadata,
  TaskOverview,
  TaskRef,
} from '../worker/api';
import type { CopaClient } from '../worker/client';
import { LatestRequest } from './lib/latest-request';
import { snapshot } from './lib/snapshot.svelte';
import type { ScoringRules } from '../core/scoring-rules';
import { toShown, type ShownError } from './engine-state.svelte';

/** The task being worked on: a built-in task, its program (possibly edited) and its overview. */
export class TaskState {
  // Worker answers are replaced whole, never edited in place: no deep proxies.
  tasks = $state.raw<TaskMetadata[]>([]);
  taskId = $state<string | null>(null);
  overview = $state.raw<TaskOverview | null>(null);
  /** The program as the user edited it; the task's own program until then. */
  program = $state<ProgramState | null>(null);
  edited = $state(false);
  /** The task's own program, to go back to. */
  original = $state<ProgramState | null>(null);
  /** The metric, scored field and constraints as the user edited them (null: the task's own). */
  rules = $state<ScoringRules | null>(null);
  error = $state<ShownError | null>(null);
  /** Imported datasets saved for this task; a run uses `datasetId`'s data when it is set. */
  datasets = $state.raw<DatasetSummary[]>([]);
  datasetId = $state<string | null>(null);
  /**
   * A saved program opened from the Library: the Program screen edits it (instead of the task's
   * program) until it is saved for the task or set aside.
   */
  opened = $state<{ id: string; name: string; program: ProgramState } | null>(null);
  /** The Program screen's edits not saved yet, while another screen is open. */
  unsavedEdit = $state.raw<UnsavedEdit | null>(null);
  /** What was typed on Try it (and the answer shown there), while another screen is open. */
  keptTry = $state.raw<KeptTry | null>(null);
  /** Try it's request while it waits for the answer: a screen opened again shows it busy. */
  pendingTry: PendingTry | null = null;

  /** Overviews are asked for from several places (task, data, program, settings changes). */
  readonly #overviews = new LatestRequest();
  /** The run settings the overview's estimate is for (as JSON; null: the worker's defaults). */
  #estimatedFor = $state<string | null>(null);
  /** The run settings last given: an overview asked for without them is estimated for them. */
  #config: Partial<CopaConfig> | undefined;

  /** Called when the task or its data changes: a run on the old data no longer fits. */
  onDataChange: (() => void) | null = null;

  constructor(private readonly client: CopaClient) {}

  /**
   * The overview's cost estimates when they are for `config`, else null until the estimate for
   * it comes: settings changed by a model's preset showed the old settings' figures meanwhile.
   */
  estimatesFor(
    config: Partial<CopaConfig>,
  ): Pick<TaskOverview, 'estimate' | 'firstCycleEstimate'> | null {
    if (!this.overview || this.#estimatedFor !== JSON.stringify(config)) return null;
    return this.overview;
  }

  get meta(): TaskMetadata | null {
    return this.tasks.find((t) => t.id === this.taskId) ?? null;
  }

  get constraints(): ConstraintSpec[] {
    return this.rules?.constraints ?? this.overview?.constraints ?? [];
  }

  /** The metric and the field it scores: as edited, else the task's own. */
  get metricId(): MetricId | null {
    return this.rules?.metricId ?? this.overview?.metricId ?? this.meta?.metricId ?? null;
  }

  get targetField(): string | null {
    return this.rules?.targetField ?? this.overview?.targetField ?? this.meta?.targetField ?? null;
  }

  /** The built-in metrics to choose from (the worker lists them with the overview). */
  get metrics(): MetricChoice[] {
    return this.overview?.metrics ?? [];
  }

  /** Split sizes of the data a run will use (the chosen dataset's, else the task's own). */
  get sizes(): { train: number; val: number; test: number } | null {
    return this.overview?.sizes ?? this.meta?.sizes ?? null;
  }

  get sampleInputs(): FieldValues[] {
    return this.overview?.sampleInputs ?? [];
  }

  /** The task as the worker takes it, with the edited program when there is one. */
  ref(): TaskRef | null {
    if (!this.taskId) return null;
    return {
      kind: 'builtin',
      taskId: this.taskId,
      ...(this.edited && this.program ? { program: snapshot(this.program) } : {}),
      ...(this.edited && this.rules ? snapshot(this.rules) : {}),
    };
  }

  async init(): Promise<void> {
    try {
      this.tasks = await this.client.listTasks();
      await this.choose(this.taskId ?? this.tasks[0]?.id ?? null);
    } catch (err) {
      this.error = toShown(err);
    }
  }

  get dataset(): DatasetSummary | null {
    return this.datasets.find((d) => d.id === this.datasetId) ?? null;
  }

  /**
   * The task's name as the user knows it. Imported data makes a task of its own (its runs and
   * exports carry the data's name), so a program saved, opened or exported on that data is
   * named after the dataset, never after the built-in task whose program served as a template.
   */
  get name(): string | null {
    return this.dataset?.name ?? this.meta?.name ?? null;
  }

  /**
   * Reads the saved datasets of the current task (after an import or a delete, or when the task
   * changes). When the chosen dataset is gone (deleted in the Library), the next run uses the
   * task's own examples, and the overview says so at once (with `config`'s estimate).
   */
  async refreshDatasets(config?: Partial<CopaConfig>): Promise<void> {
    const chosen = this.datasetId;
    try {
      const listing = await this.client.listDatasets();
      this.datasets = listing.items.filter((d) => d.taskId === this.taskId);
      if (!this.dataset) this.datasetId = null;
    } catch {
      // Storage may be unavailable (private mode): built-in data still works.
      this.datasets = [];
      this.datasetId = null;
    }
    if (chosen !== null && this.datasetId === null) this.onDataChange?.();
    if (chosen !== null && this.datasetId === null && this.taskId) await this.refresh(config);
  }

  async choose(taskId: string | null, config?: Partial<CopaConfig>): Promise<void> {
    const changed = taskId !== this.taskId;
    this.taskId = taskId;
    // A stored dataset belongs to one task: another task starts on its own examples.
    if (changed) this.datasetId = null;
    if (changed) this.onDataChange?.();
    void this.refreshDatasets();
    this.edited = false;
    this.rules = null;
    this.overview = null;
    this.program = null;
    if (!taskId) return;
    await this.refresh(config);
    // Read again after the await: refresh() has set it.
    const overview = this.overview as TaskOverview | null;
    this.original = overview ? snapshot(overview.program) : null;
    this.program = this.original ? snapshot(this.original) : null;
  }

  /** Makes a stored dataset (and the task it was imported for) the data of the next run. */
  async useDataset(taskId: string, datasetId: string, config?: Partial<CopaConfig>): Promise<void> {
    if (this.taskId !== taskId) await this.choose(taskId, config);
    await this.refreshDatasets();
    await this.selectDataset(datasetId, config);
  }

  /** Chooses the task and stored dataset a stored run ran on (to show it, or go on with it). */
  async useRunData(
    run: { taskId?: string; datasetId?: string },
    config?: Partial<CopaConfig>,
  ): Promise<void> {
    if (run.taskId && run.datasetId) await this.useDataset(run.taskId, run.datasetId, config);
    else if (run.taskId && run.taskId !== this.taskId) await this.choose(run.taskId, config);
  }

  /**
   * Chooses the data of the next run (null: the task's own examples) and reads its overview at
   * once: sizes, samples, checks and, unedited, the program that fits it.
   */
  async selectDataset(datasetId: string | null, config?: Partial<CopaConfig>): Promise<void> {
    const changed = datasetId !== this.datasetId;
    this.datasetId = datasetId;
    if (changed) this.onDataChange?.();
    // A dataset made into a task of its own brings its program; edits made for other fields
    // cannot read it, so they give way (edits that fit the data's fields stay).
    const own = this.dataset?.program;
    if (own && this.edited && this.program && !fitsFields(this.program, this.dataset)) {
      this.edited = false;
      this.rules = null;
    }
    await this.refresh(config);
  }

  /**
   * Reloads the overview (e.g. the cost estimate for a new configuration). Only the answer to
   * the newest call is used: an older one arriving later is dropped.
   */
  async refresh(config?: Partial<CopaConfig>): Promise<void> {
    if (config) this.#config = config;
    const used = this.#config;
    const ref = this.ref();
    if (!ref) return;
    const isNewest = this.#overviews.start();
    try {
      const overview = await this.client.taskOverview({
        task: ref,
        ...(this.datasetId ? { datasetId: this.datasetId } : {}),
        ...(used ? { config: used } : {}),
      });
      if (!isNewest()) return;
      this.overview = overview;
      this.#estimatedFor = used ? JSON.stringify(used) : null;
      // Unedited, the program is the one the data calls for (a dataset imported with its own
      // column names brings the task's program adapted to them).
      if (!this.edited) this.program = snapshot(overview.program);
      this.error = null;
    } catch (err) {
      if (isNewest()) this.error = toShown(err);
    }
  }

  /** Stores an edited program and, optionally, its rules (the worker checks them when used). */
  setProgram(program: ProgramState, rules?: ScoringRules): void {
    this.program = program;
    if (rules) this.rules = rules;
    this.edited = true;
  }

  /**
   * Uses an edited program if the worker accepts it with this task's data (it checks fields,
   * metric and rules); otherwise keeps the program used before and reports why.
   */
  async applyProgram(
    program: ProgramState,
    rules: ScoringRules,
    config?: Partial<CopaConfig>,
  ): Promise<boolean> {
    const before = { program: this.program, rules: this.rules, edited: this.edited };
    this.setProgram(program, rules);
    await this.refresh(config);
    const refused = this.error;
    if (refused === null) return true;
    this.program = before.program;
    this.rules = before.rules;
    this.edited = before.edited;
    await this.refresh(config);
    this.error = refused;
    return false;
  }

  /** Uses the program with the labels the data uses (a fix the worker offers with a mismatch). */
  async useDataLabels(
    fix: { program: ProgramState; rules: ScoringRules },
    config?: Partial<CopaConfig>,
  ): Promise<boolean> {
    return this.applyProgram(snapshot(fix.program), snapshot(fix.rules), config);
  }

  /** Opens a saved program on the Program screen, to check and then use with this task. */
  openProgram(id: string, name: string, program: ProgramState): void {
    this.opened = { id, name, program: snapshot(program) };
  }

  /** A program renamed in the Library: the one open on the Program screen goes by its new name. */
  programRenamed(id: string, name: string): void {
    if (this.opened?.id === id) this.opened = { ...this.opened, name };
  }

  /** The opened program was saved for the task, or set aside. */
  closeOpened(): void {
    this.opened = null;
  }

  resetProgram(): void {
    if (!this.original) return;
    this.program = snapshot(this.original);
    this.rules = null;
    this.edited = false;
  }
}

/** Whether the fields the program reads from the data (inputs no step writes) are the dataset's. */
function fitsFields(program: ProgramState, dataset: DatasetSummary | null): boolean {
  if (!dataset) return true;
  const fields = new Set([...dataset.inputFields, ...dataset.outputFields]);
  const written = new Set(program.steps.flatMap((s) => s.signature.outputs.map((f) => f.name)));
  return program.steps.every((step) =>
    step.signature.inputs.every((f) => written.has(f.name) || fields.has(f.name)),
  );
}
