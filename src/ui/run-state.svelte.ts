import type { CopaConfig } from '../core/optimizers/copa-config';
import { snapshot } from './lib/snapshot.svelte';
import type { ProgramState } from '../core/program';
import type { RunEvent, RunOutcome, RunSummary, StoredRunResults } from '../worker/api';
import { RESUMABLE_FAILURES, type CopaClient } from '../worker/client';
import { runReportFile, type RunReportFormat } from './lib/run-report-markdown';
import { saveTextFile } from './lib/save-file';
import { toShown, type EngineState, type ShownError } from './engine-state.svelte';
import { applyEvents, emptyRunView, type RunView } from './optimize/run-view';
import { describeEvent } from './optimize/event-lines';
import { cutOffInPhase } from './optimize/interrupted-note';
import type { TaskState } from './task-state.svelte';
import { presetSettings, withPreset, withoutPreset, type AppliedPreset } from './lib/model-preset';
import {
  copaConfigOf,
  DEFAULT_RUN_SETTINGS,
  runSettingsOf,
  runSettingsProblems,
  type RunSettings,
} from './run-settings';
import { runToResume } from './worker-health.svelte';
import { RunClock } from './run-clock.svelte';
import { ScreenAwake } from './screen-awake.svelte';
import { countWords } from './lib/count-words';

export { DEFAULT_RUN_SETTINGS, type RunSettings };

const KEEP_LINES = 200;

/** One COPA run: its settings, its live view (phases, curve), and how it ended. */
export class RunState {
  settings = $state<RunSettings>({ ...DEFAULT_RUN_SETTINGS });
  running = $state(false);
  paused = $state(false);
  pausing = $state(false);
  lines = $state<string[]>([]);
  eventCount = $state(0);
  view = $state<RunView>(emptyRunView());
  outcome = $state<RunOutcome | null>(null);
  error = $state<ShownError | null>(null);
  /** What is wrong with each number box of the settings (empty: a run can start). */
  settingProblems = $derived(runSettingsProblems(this.settings));
  /** Whether the settings can start a run. */
  settingsValid = $derived(Object.keys(this.settingProblems).length === 0);
  /** The settings (as JSON) a RunSettingsError was about: changing any of them answers it. */
  private erroredSettings = $state<string | null>(null);
  /**
   * The error to show: a complaint about the settings is gone once they change (it named a value
   * the form no longer holds); any other error stays until the next run.
   */
  shownError = $derived(
    this.error?.name === 'RunSettingsError' &&
      this.erroredSettings !== JSON.stringify(this.settings)
      ? null
      : this.error,
  );
  /** The model label when the run started (stand-in results must say so). */
  modelLabel = $state('');
  standIn = $state(false);
  /** The program the run started from (the baseline), for diffs and results. */
  startProgram = $state<ProgramState | null>(null);
  /** The real-model preset applied to the settings for the loaded model (null: none). */
  preset = $state<AppliedPreset | null>(null);
  /** The name of the saved run being continued from the Library (null for a new run). */
  resumedFrom = $state<string | null>(null);
  /** A stored run shown again (after a reload, or opened from the Library); null for a live one. */
  reopened = $state.raw<StoredRunResults | null>(null);
  /** Whether a run started now is saved (false: the browser gives no storage; null: not known). */
  runsSaved = $state<boolean | null>(null);
  /** An unfinished run a reload or a crash cut off, offered for resuming (null: none). */
  interrupted = $state.raw<RunSummary | null>(null);
  /** The run's running time, ticking while it goes on. */
  readonly clock = new RunClock();
  /** Keeps the screen on while a run goes on (when wanted). */
  readonly awake = new ScreenAwake(() => {
    const kind = this.engine.status.kind;
    return kind !== null && kind !== 'standin';
  });
  /** Runs that have ended in this page: the tab's title shows an end until the user sees it. */
  ended = $state(0);
  private deletedRunId = $state<string | null>(null);
  /** The id of the run `resumedFrom` names. */
  private resumedRunId: string | null = null;
  /**
   * The run of this page stopped inside a phase (the GPU lost, an error), not between phases
   * as a pause does: resuming runs that phase again, and its running time steps back.
   */
  private stoppedInPhase = false;

  constructor(
    private readonly client: CopaClient,
    private readonly engine: EngineState,
    private readonly task: TaskState,
  ) {}

  get baseline(): number | null {
    return this.view.baseline;
  }

  get best(): number | null {
    return this.view.best;
  }

  /** The best program so far (after the run, or after the last finished phase). */
  get bestProgram(): ProgramState | null {
    if (this.outcome) return this.outcome.result.program;
    if (this.reopened) return this.reopened.bestProgram;
    return [...this.view.phases].reverse().find((p) => p.program !== null)?.program ?? null;
  }

  /** The stored run shown (live or reopened), to keep its evaluation with it. */
  get runId(): string | undefined {
    const id = this.outcome?.runId ?? this.reopened?.runId;
    return id === this.deletedRunId ? undefined : id;
  }

  /** A run renamed in the Library: wherever this page names it, it goes by the new name. */
  renamed(id: string, name: string): void {
    if (this.reopened?.runId === id) this.reopened = { ...this.reopened, name };
    if (this.interrupted?.id === id) this.interrupted = { ...this.interrupted, name };
    if (this.resumedRunId === id && this.resumedFrom !== null) this.resumedFrom = name;
  }

  /** A run deleted in the Library: the one shown no longer offers its stored report. */
  forgetRun(id: string): void {
    this.deletedRunId = id;
  }

  /** The saved program of the run shown, once it has finished. */
  get programId(): string | undefined {
    return this.outcome?.programId ?? this.reopened?.programId;
  }

  /**
   * The task or its data changed: the run shown (on other data) is no longer shown, so Results
   * and Try it do not use its programs on data they cannot read. A run cut off stays offered.
   */
  leave(): void {
    if (this.running || this.paused) return;
    const cut = this.interrupted;
    this.reset();
    this.interrupted = cut;
    this.resumedFrom = null;
    this.startProgram = null;
    this.modelLabel = '';
  }

  /**
   * The run shown has ended and can no longer change (finished or cancelled, in this page or
   * earlier and shown again): its best is the run's result, not "so far". A cancelled run is
   * not resumed (stored-runs.ts), and one shown after a reload said "best so far".
   */
  get over(): boolean {
    if (this.running) return false;
    const status = this.outcome?.status ?? this.reopened?.status;
    return status === 'finished' || status === 'cancelled';
  }

  /**
   * The run shown finished and was stored, but its saved program is gone (deleted in the
   * Library). A run the worker could not store (no IndexedDB) has no program either: that is
   * not a deletion.
   */
  get programDeleted(): boolean {
    const finished = this.outcome?.status === 'finished' || this.reopened?.status === 'finished';
    return finished && this.runId !== undefined && this.programId === undefined;
  }

  /** A program deleted from the Library: the run shown no longer offers it for export. */
  forgetProgram(id: string): void {
    if (this.outcome?.programId === id) this.outcome = { ...this.outcome, programId: undefined };
    if (this.reopened?.programId === id) this.reopened = { ...this.reopened, programId: undefined };
  }

  /** Nothing has happened in this page yet (no run started, resumed or reopened). */
  get idle(): boolean {
    return (
      !this.running && this.outcome === null && this.reopened === null && this.eventCount === 0
    );
  }

  /** Shows a stored run again: its programs for Results and Try it, its phases for Optimize. */
  showStored(stored: StoredRunResults, history: RunEvent[]): void {
    if (this.running) return;
    this.reset();
    this.resumedFrom = null;
    this.reopened = stored;
    this.modelLabel = stored.model.label;
    this.standIn = stored.model.standIn;
    this.startProgram = snapshot(stored.startProgram);
    applyEvents(this.view, history);
    this.clock.observe(history);
  }

  /**
   * Looks for a run a reload or a crash cut off, so Optimize can offer it instead of saying
   * "Not started". A run another tab holds the lock for is going on there, not cut off. Quiet
   * on failure: the Library lists unfinished runs too.
   */
  async findInterrupted(): Promise<void> {
    try {
      const [runs, lock] = await Promise.all([this.client.listRuns(), this.client.runLockState()]);
      const found = lock.busy && !lock.here ? null : runToResume(runs.items);
      // A run started or resumed while the list was read is the one shown.
      if (!this.running && this.eventCount === 0) this.interrupted = found;
    } catch {
      this.interrupted = null;
    }
  }

  /** Asks the worker whether runs are saved here, for Optimize to say so when they are not. */
  async checkSaving(): Promise<void> {
    this.runsSaved = await this.client.runsAreSaved().catch(() => null);
  }

  config(): Partial<CopaConfig> {
    return copaConfigOf(this.settings);
  }

  /**
   * Applies the preset of the model now loaded (a real model's: fewer cycles, a time budget) once
   * per model, and takes it back when the stand-in replaces it. Settings stay put while a run
   * is going or paused.
   */
  followModel(): void {
    if (this.running || this.paused) return;
    const modelId = this.engine.status.modelId;
    if (this.preset?.modelId === modelId) return;
    const fields = presetSettings(modelId);
    if (Object.keys(fields).length > 0 && modelId) {
      const applied = withPreset(this.settings, fields, this.preset, DEFAULT_RUN_SETTINGS);
      this.settings = applied.settings;
      this.preset = { modelId, fields, replaced: applied.replaced };
    } else if (this.preset) {
      this.settings = withoutPreset(this.settings, this.preset, DEFAULT_RUN_SETTINGS);
      this.preset = null;
    }
  }

  /** Puts the preset's settings back to COPA's defaults (the preset stays noted as dismissed). */
  usePresetDefaults(): void {
    if (!this.preset) return;
    // The button says COPA's defaults: not what the settings were before the preset.
    const { modelId, fields } = this.preset;
    this.settings = withoutPreset(this.settings, { modelId, fields }, DEFAULT_RUN_SETTINGS);
    this.preset = { modelId, fields: {} };
  }

  async start(): Promise<void> {
    const ref = this.task.ref();
    // The form says beside each box what is wrong, and Start is disabled meanwhile.
    if (!ref || this.running || !this.settingsValid) return;
    this.reset();
    this.resumedFrom = null;
    this.modelLabel = this.engine.status.label;
    this.standIn = this.engine.status.kind === 'standin';
    this.startProgram = this.task.program ? snapshot(this.task.program) : null;
    await this.drive(() =>
      this.client.startRun(
        {
          task: ref,
          config: this.config(),
          ...(this.task.datasetId ? { datasetId: this.task.datasetId } : {}),
        },
        (events) => this.take(events),
      ),
    );
  }

  /**
   * Continues a run saved in the Library from its last saved phase; its phases then appear here
   * like a new run's. Resolves when the run stops (finished, paused or failed).
   */
  async resumeStored(runId: string, name: string): Promise<void> {
    if (this.running) return;
    const cut = this.interrupted;
    // The run goes on with its own task, data, start program and settings: show those, or
    // Results would score its programs on the task chosen now (another task's data, say) and
    // the estimate beside it would be for other settings. Unreadable here, resuming says why.
    const stored = await this.client.storedRunResults(runId).catch(() => null);
    if (this.running) return;
    if (stored) {
      this.settings = runSettingsOf(stored.settings);
      await this.task.useRunData(stored, this.config());
      if (this.running) return;
    }
    this.reset();
    this.resumedFrom = name;
    this.resumedRunId = runId;
    this.modelLabel = this.engine.status.label;
    this.standIn = this.engine.status.kind === 'standin';
    this.startProgram = stored ? snapshot(stored.startProgram) : null;
    const cutOff = stored ? cutOffInPhase(stored) : false;
    await this.drive(
      () => this.client.resumeStoredRun(runId, (events) => this.take(events)),
      cutOff,
    );
    // Refused before it started (another model is loaded): the run is still there to resume,
    // not "Continuing…" with nothing going on.
    if (this.error && this.outcome === null && this.eventCount === 0) {
      this.interrupted = cut;
      this.resumedFrom = null;
      this.modelLabel = '';
    }
  }

  async resume(): Promise<void> {
    if (this.running) return;
    this.paused = false;
    await this.drive(
      () => this.client.resumeRun((events) => this.take(events)),
      this.stoppedInPhase,
      true,
    );
  }

  async pause(): Promise<void> {
    this.pausing = true;
    try {
      await this.client.pauseRun();
    } catch (err) {
      this.pausing = false;
      this.error = toShown(err);
    }
  }

  async cancel(): Promise<void> {
    try {
      await this.client.cancelRun();
    } catch (err) {
      this.error = toShown(err);
    }
  }

  private reset(): void {
    this.reopened = null;
    this.interrupted = null;
    this.lines = [];
    this.eventCount = 0;
    this.view = emptyRunView();
    this.outcome = null;
    this.error = null;
    this.paused = false;
    this.clock.reset();
  }

  /** Saves the report of the run shown (a run the worker could not store has none). */
  async saveReport(format: RunReportFormat): Promise<void> {
    const runId = this.runId;
    if (runId === undefined) return;
    try {
      const report = await this.client.runReport(runId);
      if (report !== null) saveTextFile(runReportFile(report, format));
    } catch (err) {
      this.error = toShown(err);
    }
  }

  /**
   * Runs `call`; `cutOff`: it resumes a run that stopped inside a phase (see RunClock.start);
   * `wasPaused`: it resumes this page's paused run.
   */
  private async drive(
    call: () => Promise<RunOutcome>,
    cutOff = false,
    wasPaused = false,
  ): Promise<void> {
    this.running = true;
    this.error = null;
    const eventsBefore = this.eventCount;
    this.clock.start(cutOff);
    this.awake.runStarted();
    try {
      const outcome = await call();
      this.outcome = outcome;
      // The exact curve replaces the one pieced together from events.
      this.view.curve = outcome.result.curve.map(([c, s]) => [c, s]);
      this.paused = outcome.status === 'paused' || outcome.status === 'engine-lost';
      this.stoppedInPhase = outcome.status === 'engine-lost';
      if (outcome.status === 'engine-lost' && outcome.error) {
        this.engine.engineLost(outcome.error);
        // A server keeps its place: say here what went wrong, as the Model screen would.
        if (this.engine.status.kind === 'server') this.error = outcome.error;
      }
      void this.engine.refreshUsage();
    } catch (err) {
      this.error = toShown(err);
      this.erroredSettings = JSON.stringify(this.settings);
      const started = this.eventCount > eventsBefore;
      // Cut off by the engine failing or by full storage, the run stopped at its last finished
      // phase and can resume. Refused before it started, it is where it was: a paused run is
      // still paused (another tab was running, another model was loaded), a new one had nothing
      // to keep.
      this.paused = started ? RESUMABLE_FAILURES.includes(this.error.name) : wasPaused;
      if (started) this.stoppedInPhase = true;
    } finally {
      this.running = false;
      this.pausing = false;
      this.clock.stop();
      this.awake.runEnded();
      this.ended++;
    }
  }

  /**
   * A paused run can go on in another tab (from its Library) and pause there again; resumed
   * here, it goes on after the phases it ran there, which this view lacks. They are retold
   * from the stored run, before the phases this tab runs now.
   */
  private async catchUpWithStoredRun(atPhase: number): Promise<void> {
    const runId = this.runId;
    if (runId === undefined) return;
    const history = await this.client.storedRunHistory(runId).catch(() => null);
    if (!history) return;
    const stored = emptyRunView();
    applyEvents(stored, history);
    const before = (view: RunView) => view.phases.filter((p) => p.done && p.index < atPhase);
    const missing = before(stored).length - before(this.view).length;
    if (missing <= 0) return;
    this.view.phases = [...before(stored), ...this.view.phases.filter((p) => p.index >= atPhase)];
    this.lines = [
      ...this.lines,
      `${countWords(missing, 'phase')} of this run went on in another tab: shown from the saved run.`,
    ].slice(-KEEP_LINES);
  }

  /** Events arrive in batches; the log keeps only recent lines so rendering stays cheap. */
  private take(events: RunEvent[]): void {
    applyEvents(this.view, events);
    // Resumed past the phases this view shows: they ran in another tab.
    const resumedAt = events.find((e) => e.type === 'run-started')?.resumedAtPhase;
    if (resumedAt !== undefined && resumedAt > this.view.phases.filter((p) => p.done).length)
      void this.catchUpWithStoredRun(resumedAt);
    this.clock.observe(events);
    const added: string[] = [];
    // Candidates are named as the phase cards name them ("proposal 2"), not by internal id.
    const nameOf = (phase: number, id: string): string | undefined =>
      this.view.phases.find((p) => p.index === phase)?.candidates.find((c) => c.record.id === id)
        ?.record.label;
    for (const e of events) {
      const line = describeEvent(e, nameOf, this.view.selection);
      if (line) added.push(line);
    }
    this.eventCount += events.length;
    this.lines = [...this.lines, ...added].slice(-KEEP_LINES);
  }
}
