import { APP_BUILD } from '../core/app-build';
import { recordName } from '../core/record-name';
import { dataIdentity } from '../core/data-fingerprint';
import type { ProgramProvenance } from '../core/interop/copa-format';
import { isJsonObject, type JsonObject, type JsonValue } from '../core/json';
import { serverModelOf } from '../core/model-name';
import { partialBestExamples, type CopaCheckpoint } from '../core/optimizers/checkpoint';
import { phaseKind, type CopaResult } from '../core/optimizers/copa';
import { replayEvents, type PhaseSnapshot } from '../core/optimizers/replay';
import { currentModelId } from '../engines/standin/model-ids';
import { CorruptRecordError, RecordNotFoundError } from '../storage/errors';
import { finishRun } from '../storage/finish-run';
import { isRunLockHeld, mayBeLive, withLiveRunMark, withRunLock } from '../storage/run-lock';
import type { RunRecord } from '../storage/runs';
import type {
  EngineStatus,
  EventsCallback,
  Listing,
  RunEvent,
  RunLockState,
  RunOutcome,
  RunEvaluation,
  RunReport,
  RunRequest,
  RunSummary,
  StoredRunResults,
} from './api';
import { parseRunEvaluation } from './schemas/run-evaluation-schema';
import type { DatasetLibrary } from './dataset-library';
import { problemOf } from './program-library';
import type { RunController } from './run-controller';
import { buildRunReport } from './run-report';
import type { StorageDeps } from './storage-deps';
import { lastCheckpoint, parseCheckpoint } from './schemas/checkpoint-schema';
import { runConfigJson, runConfigOf, type StoredRunConfig } from './schemas/stored-run-config';
import { taskRules, taskSplits, type TaskLookup } from './task-resolver';
import { WorkerStateError } from './worker-errors';
import { endingCheckpoint } from './run-ending';
import { RESUMABLE_FAILURES } from './resumable-failures';

/** The WebLLM release the app is built with (a unit test keeps it equal to the installed one). */
export const WEBLLM_VERSION = '0.2.86';

/**
 * Runs that survive reloads: each run holds the cross-tab run lock, gets a record, writes a
 * checkpoint after every phase, and on finishing saves its program with provenance. A stored
 * run resumes from its last checkpoint (model answers come from the persistent cache).
 */
export class StoredRuns {
  /** The run of this worker that paused, so a plain resume continues it. */
  private pausedRunId: string | null = null;

  constructor(
    private readonly deps: StorageDeps,
    private readonly controller: RunController,
    private readonly engine: () => EngineStatus,
    private readonly tasks: TaskLookup,
    private readonly datasets: DatasetLibrary,
  ) {}

  get pausedRun(): string | null {
    return this.pausedRunId;
  }

  /** Whether runs can be saved: the browser opens the runs store. */
  canSave(): Promise<boolean> {
    return this.deps.runs.opens();
  }

  start(request: RunRequest, onEvents: EventsCallback): Promise<RunOutcome> {
    return withRunLock(async () => {
      const engine = this.requireEngine();
      const { resolved, name, datasetName } = await this.resolve(request);
      const runId = this.deps.newId();
      const config: StoredRunConfig = {
        request,
        engine,
        name,
        ...(datasetName ? { datasetName } : {}),
        appBuild: APP_BUILD,
        data: dataIdentity(taskSplits(resolved.task, this.tasks)),
      };
      await this.deps.runs.create({
        id: runId,
        config: runConfigJson(config),
        ...(request.datasetId ? { datasetId: request.datasetId } : {}),
        ...(this.deps.now ? { now: this.deps.now() } : {}),
      });
      return this.drive(runId, config, resolved, undefined, onEvents);
    }, this.deps.locks);
  }

  /**
   * Continues a stored run from its last checkpoint with the current model. With `replay`, the
   * finished phases are first retold as events, for a view that starts empty (after a reload).
   */
  resume(runId: string, onEvents: EventsCallback, replay = false): Promise<RunOutcome> {
    return withRunLock(async () => {
      const run = await this.deps.runs.get(runId);
      if (!run) throw new RecordNotFoundError('run', runId);
      if (run.status === 'finished' || run.status === 'cancelled')
        throw new WorkerStateError(`This run has ended (${run.status}); start a new run instead.`);
      const config = runConfigOf(run);
      const engine = this.requireEngine();
      // A run stored under a retired stand-in id resumes with the stand-in that replaced it.
      const stored = config.engine.modelId;
      if ((stored === null ? null : currentModelId(stored)) !== engine.modelId) {
        const again =
          config.engine.kind === 'server'
            ? 'Connect to that server again (Model, Local server: Test connection, then Use this server)'
            : 'Load that model again';
        throw new WorkerStateError(
          `This run used ${config.engine.label}. ${again} to resume it, so it ends as it would have without the interruption.`,
        );
      }
      const state = lastCheckpoint(run);
      const { resolved } = await this.resolve(config.request);
      await this.deps.runs.setStatus(runId, 'running');
      if (replay && state !== undefined) onEvents(retell(state, run.checkpoints));
      return this.drive(runId, config, resolved, state, onEvents);
    }, this.deps.locks);
  }

  /** A stored run's phases as events (see replayEvents), for showing a past run's story. */
  async history(runId: string): Promise<RunEvent[]> {
    const run = await this.deps.runs.get(runId);
    if (!run) throw new RecordNotFoundError('run', runId);
    const state = lastCheckpoint(run);
    return state ? retell(state, run.checkpoints) : [];
  }

  /**
   * A stored run's start and best programs with its last evaluation: the run asked for, else
   * the latest finished one (null when there is none, or the run has no checkpoint yet).
   */
  async results(runId?: string): Promise<StoredRunResults | null> {
    const run = runId ? await this.deps.runs.get(runId) : await this.latestFinished();
    if (!run) {
      if (runId) throw new RecordNotFoundError('run', runId);
      return null;
    }
    const checkpoint = lastCheckpoint(run);
    if (!checkpoint) return null;
    const config = runConfigOf(run);
    const { resolved } = await this.resolve(config.request);
    const ref = resolved.task;
    const start =
      ref.kind === 'custom'
        ? ref.program
        : (ref.program ?? this.tasks(ref.taskId, ref.dataSeed).program.toState());
    const asked = config.request.task;
    const evaluation = parseRunEvaluation(run.evaluation);
    // A program deleted from the Library is not offered for export (it would fail by its id).
    const programId =
      run.programId && (await this.deps.programs.get(run.programId)) ? run.programId : undefined;
    return {
      runId: run.id,
      name: config.name,
      status: run.status,
      ...(asked.kind === 'builtin' ? { taskId: asked.taskId } : {}),
      ...(config.request.datasetId ? { datasetId: config.request.datasetId } : {}),
      model: { ...config.engine, standIn: config.engine.kind === 'standin' },
      settings: config.request.config ?? {},
      startProgram: start,
      bestProgram: checkpoint.program,
      ...(programId ? { programId } : {}),
      baselineScore: checkpoint.baselineScore,
      bestScore: checkpoint.bestScore,
      ...(evaluation ? { evaluation } : {}),
      ...(run.error ? { error: run.error } : {}),
    };
  }

  async saveEvaluation(
    runId: string,
    evaluation: Omit<RunEvaluation, 'evaluatedAt'>,
  ): Promise<void> {
    const dated: RunEvaluation = {
      ...evaluation,
      evaluatedAt: (this.deps.now?.() ?? new Date()).toISOString(),
    };
    // Plain JSON (the summaries hold only JSON values), kept as one field of the run record.
    await this.deps.runs.setEvaluation(runId, JSON.parse(JSON.stringify(dated)) as JsonObject);
  }

  private async latestFinished(): Promise<RunRecord | undefined> {
    const { records } = await this.deps.runs.list();
    return records
      .filter((r) => r.status === 'finished')
      .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))[0];
  }

  async report(runId: string): Promise<RunReport | null> {
    const run = await this.deps.runs.get(runId);
    if (!run) throw new RecordNotFoundError('run', runId);
    return buildRunReport(run, (task) => {
      try {
        return taskRules(task, this.tasks).metricId;
      } catch {
        // A task this build no longer has: the report goes without the metric's name.
        return undefined;
      }
    });
  }

  async list(): Promise<Listing<RunSummary>> {
    const { records, problems } = await this.deps.runs.list();
    return {
      items: records.map(summaryOf).sort((a, b) => b.createdAt.localeCompare(a.createdAt)),
      problems: problems.map(problemOf),
    };
  }

  async delete(runId: string): Promise<void> {
    // A `running` record is live while some tab holds its mark (else its tab died, and another
    // run going on elsewhere does not keep it). A damaged record has no status to read: it can
    // only be deleted, which the Library offers.
    const status = await this.deps.runs.get(runId).then(
      (run) => run?.status,
      (err: unknown) => {
        if (err instanceof CorruptRecordError) return undefined;
        throw err;
      },
    );
    if (status === 'running' && (await mayBeLive(runId, this.deps.locks)))
      throw new WorkerStateError(
        'This run may be going on in this or another tab; stop it there before deleting it.',
      );
    await this.deps.runs.delete(runId);
    if (this.pausedRunId === runId) this.pausedRunId = null;
  }

  /**
   * A new name, safe while the run goes on: one transaction changes only the name, so the run's
   * own writes (which read the record anew) keep it, and a finishing run names its program
   * after it (see drive).
   */
  async rename(runId: string, name: string): Promise<RunSummary> {
    const checked = recordName(name);
    const run = await this.deps.runs.update(runId, (r) => ({
      ...r,
      config: { ...r.config, name: checked },
    }));
    return summaryOf(run);
  }

  async lockState(): Promise<RunLockState> {
    return { busy: await isRunLockHeld(this.deps.locks), here: this.controller.running };
  }

  private async drive(
    runId: string,
    config: StoredRunConfig,
    resolved: RunRequest,
    from: CopaCheckpoint | undefined,
    onEvents: EventsCallback,
  ): Promise<RunOutcome> {
    this.pausedRunId = null;
    const runs = this.deps.runs;
    try {
      const outcome = await withLiveRunMark(
        runId,
        () =>
          this.controller.continueRun(resolved, from, onEvents, {
            onCheckpoint: async (cp) => {
              await runs.saveCheckpoint(runId, {
                phase: cp.nextPhase - 1,
                label: checkpointLabel(cp),
                state: cp as unknown as JsonValue,
              });
            },
          }),
        this.deps.locks,
      );
      return await this.keepOutcome(runId, config, resolved, outcome);
    } catch (err) {
      const e = err instanceof Error ? err : new Error(String(err));
      await runs
        .setStatus(runId, 'failed', { error: { name: e.name, message: e.message } })
        .catch(() => undefined);
      // A run stopped by a failing engine or a full disk kept its checkpoint: a plain resume
      // continues it (once the model works again, or space was freed). A disk that filled as
      // the run ended too: resuming its last checkpoint saves the ending and program again.
      if (RESUMABLE_FAILURES.includes(e.name)) this.pausedRunId = runId;
      throw err;
    }
  }

  /** Stores how a run stopped: its ending and its program, or its pause. */
  private async keepOutcome(
    runId: string,
    config: StoredRunConfig,
    resolved: RunRequest,
    outcome: RunOutcome,
  ): Promise<RunOutcome> {
    const runs = this.deps.runs;
    // An ended run is not resumed: its last checkpoint tells how it ended (calls made after the
    // last finished phase, why it stopped, the program it kept), for its report and results.
    if (outcome.status === 'finished' || outcome.status === 'cancelled')
      await this.keepEnding(runId, outcome.result);
    // A cancelled run that found a better program keeps it, as its stop reason says.
    const improved =
      outcome.status === 'cancelled' && outcome.result.bestScore > outcome.result.baselineScore;
    if (outcome.status === 'finished' || improved) {
      const now = this.deps.now?.() ?? new Date();
      // Renamed while it ran: the program is named after the run as it is called now.
      const stored = await runs.get(runId).catch(() => undefined);
      const name = typeof stored?.config.name === 'string' ? stored.config.name : config.name;
      // The metric goes with the program: a DSPy export writes it into the Python.
      const { metricId, targetField } = taskRules(resolved.task, this.tasks);
      const run = await finishRun(
        runs,
        this.deps.programs,
        runId,
        {
          name: `${name} · ${now.toISOString().slice(0, 16).replace('T', ' ')}`,
          savedAt: now.toISOString(),
          program: outcome.result.program,
          provenance: runProvenance(config, outcome, now),
          scoring: { metricId, targetField },
        },
        improved ? 'cancelled' : 'finished',
      );
      return { ...outcome, runId, ...(run.programId ? { programId: run.programId } : {}) };
    }
    if (outcome.status === 'cancelled') await runs.setStatus(runId, 'cancelled');
    else {
      // A lost engine stopped the run inside a phase, which a resume runs again: the error
      // tells it from a pause between phases after a reload, when the record is all there is.
      await runs.setStatus(
        runId,
        'paused',
        outcome.status === 'engine-lost' && outcome.error ? { error: outcome.error } : {},
      );
      this.pausedRunId = runId;
    }
    return { ...outcome, runId };
  }

  private async keepEnding(runId: string, result: CopaResult): Promise<void> {
    const ending = endingCheckpoint(result);
    await this.deps.runs.saveCheckpoint(runId, {
      phase: ending.nextPhase - 1,
      label: 'run ended',
      state: ending as unknown as JsonValue,
    });
  }

  private requireEngine(): EngineStatus {
    const engine = this.engine();
    if (!engine.kind)
      throw new WorkerStateError('No model is loaded. Load a model or choose the stand-in first.');
    return engine;
  }

  /** Swaps a stored dataset in for the task's own splits. */
  private async resolve(
    request: RunRequest,
  ): Promise<{ resolved: RunRequest; name: string; datasetName?: string }> {
    const ref = request.task;
    const taskName =
      ref.kind === 'builtin' ? this.tasks(ref.taskId, ref.dataSeed).name : 'Custom task';
    if (!request.datasetId) return { resolved: request, name: taskName };
    // The user's edits (program, metric, rules) apply to the stored data too.
    const { ref: onData, datasetName } = await this.datasets.taskOn(ref, request.datasetId);
    const resolved: RunRequest = { ...request, task: onData };
    // The run (and the program it saves, and its exports) is named after the data alone: the
    // built-in task's name would describe another task.
    return { resolved, name: datasetName, datasetName };
  }
}

/** Where a finished run's program came from: model, engine, seed, dataset, scores, date. */
export function runProvenance(
  config: StoredRunConfig,
  outcome: RunOutcome,
  now: Date,
): ProgramProvenance {
  const engineId = config.engine.modelId ?? 'unknown';
  const webllm = config.engine.kind === 'webllm';
  const server =
    config.engine.kind === 'server'
      ? (serverModelOf(engineId) ?? { baseUrl: '', model: engineId })
      : null;
  const modelId = server ? server.model : engineId.replace(/^webllm:/, '');
  const quantization = webllm ? /-(q\d+f\d+(?:_\d+)?)(?:-|$)/.exec(modelId)?.[1] : undefined;
  const datasetId = config.request.datasetId;
  return {
    modelId,
    engine: webllm ? 'webllm' : server ? 'local-server' : 'stand-in',
    ...(server ? { serverUrl: server.baseUrl } : {}),
    ...(quantization ? { quantization } : {}),
    ...(webllm ? { webllmVersion: WEBLLM_VERSION } : {}),
    seed: outcome.result.checkpoint.config.seed,
    ...(datasetId ? { datasetId } : {}),
    ...(config.datasetName ? { datasetName: config.datasetName } : {}),
    ...(config.data ? { dataFingerprint: config.data.fingerprint } : {}),
    ...(config.appBuild ? { appBuild: config.appBuild } : {}),
    // A start program no candidate beat, scored on minibatches only, has no validation score to
    // keep: its estimate is not one (result.exampleScores is empty).
    scores:
      outcome.result.exampleScores.length > 0
        ? { baseline: outcome.result.baselineScore, validation: outcome.result.bestScore }
        : {},
    createdAt: now.toISOString(),
  };
}

function checkpointLabel(cp: CopaCheckpoint): string {
  // A run writes its first checkpoint before scoring anything (the first phase scores the start
  // program); runs of older versions scored it first.
  if (cp.nextPhase <= 0) return nothingScored(cp) ? 'no phase finished yet' : 'baseline scored';
  const index = cp.nextPhase - 1;
  return `phase ${index + 1} (${phaseKind(cp.config, index)}) done`;
}

/**
 * True for a checkpoint written before any program was scored: its scores are placeholders.
 * Takes the fields as a listing reads them too (leniently, from a record not yet checked).
 */
function nothingScored(cp: { nextPhase?: unknown; baselineExamples?: unknown }): boolean {
  return typeof cp.nextPhase === 'number' && cp.nextPhase <= 0 && cp.baselineExamples === 0;
}

/** partialBestExamples of a checkpoint read leniently, as a listing reads it. */
function partialBestOf(cp: JsonObject): number | undefined {
  const { exampleScores, baselineExamples } = cp;
  if (!Array.isArray(exampleScores) || typeof baselineExamples !== 'number') return undefined;
  return partialBestExamples({ exampleScores, baselineExamples });
}

// A listing reads only what it shows, leniently: a damaged run is still listed (and can be
// deleted); opening it says what is wrong.
function summaryOf(r: RunRecord): RunSummary {
  const name = r.config.name;
  const last = r.checkpoints[r.checkpoints.length - 1];
  const state = isJsonObject(last?.state) ? last.state : undefined;
  // The first checkpoint's 0 is no score: nothing has been scored yet.
  const best = state && !nothingScored(state) ? state.bestScore : undefined;
  const bestExamples = state ? partialBestOf(state) : undefined;
  const engine = r.config.engine;
  const model = isJsonObject(engine) ? engine.label : undefined;
  const request = r.config.request;
  const settings = isJsonObject(request) ? request.config : undefined;
  const seed = isJsonObject(settings) ? settings.seed : undefined;
  return {
    id: r.id,
    name: typeof name === 'string' ? name : 'Run',
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    status: r.status,
    checkpoints: r.checkpoints.length,
    ...(last ? { lastCheckpointLabel: last.label } : {}),
    ...(typeof best === 'number' ? { bestScore: best } : {}),
    ...(typeof best === 'number' && bestExamples !== undefined ? { bestExamples } : {}),
    ...(r.programId ? { programId: r.programId } : {}),
    ...(r.datasetId ? { datasetId: r.datasetId } : {}),
    ...(r.error ? { error: r.error } : {}),
    ...(typeof model === 'string' ? { model } : {}),
    ...(typeof seed === 'number' ? { seed } : {}),
  };
}

function retell(
  latest: CopaCheckpoint,
  checkpoints: readonly { phase: number; state: JsonValue }[],
): RunEvent[] {
  return replayEvents(latest, snapshotsOf(checkpoints));
}

/** The program and totals saved after each finished phase, by phase index (-1: the start). */
function snapshotsOf(
  checkpoints: readonly { phase: number; state: JsonValue }[],
): (phase: number) => PhaseSnapshot | undefined {
  return (phase) => {
    const state = checkpoints.find((c) => c.phase === phase)?.state;
    try {
      const cp = parseCheckpoint(state);
      return { program: cp.program, totals: cp.totals };
    } catch {
      return undefined;
    }
  };
}
