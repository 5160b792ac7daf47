import type { CacheStore } from '../core/cache';
import type { LanguageModel } from '../core/lm';
import type { ModelSpeed } from '../core/time-estimate';
import type { CopaCheckpoint } from '../core/optimizers/checkpoint';
import { runCopa, type CopaResult } from '../core/optimizers/copa';
import type { RunEvent } from '../core/optimizers/events';
import type { EventsCallback, RunOutcome, RunRequest, RunStatus } from './api';
import { countingAnswers } from './answer-count';
import { EventBatcher } from './event-batcher';
import { EngineFailureGuard } from '../core/engine-failures';
import { GuardedLM } from '../core/guarded-lm';
import { adapterFor, resolveTask, type TaskLookup } from './task-resolver';
import { checkRunSettings } from './schemas/run-settings';
import { WorkerStateError } from './worker-errors';
import { YieldingLM } from '../core/yielding-lm';
import { EmptySplitError } from '../core/interop/dataset/errors';
import { emptySplitProblem } from '../core/interop/dataset/split-needs';

export interface RunControllerDeps {
  model: () => LanguageModel;
  /** The current model's measured speed (a WebLLM model's warm-up), for planning a time budget. */
  speed?: () => ModelSpeed | null;
  tasks: TaskLookup;
  cacheStore?: CacheStore;
  /** Called when the GPU device is lost mid-run (the engine must be re-created). */
  onEngineLost: () => Promise<void>;
  /** Errors that pause the run at its last checkpoint at once (default: isRunStoppingError). */
  stopsRun?: (err: unknown) => boolean;
  /** Milliseconds between event batches (default 50). */
  eventIntervalMs?: number;
}

/** What a caller adds to a run: storage writes each checkpoint before the run goes on. */
export interface RunHooks {
  onCheckpoint?: (cp: CopaCheckpoint) => Promise<void>;
}

/** The refusal of a resume when no run is paused. */
export const NOTHING_PAUSED = 'There is no paused run to resume. Start a new run.';

interface ActiveRun {
  controller: AbortController;
  pauseRequested: boolean;
}

/** Runs one COPA optimization at a time, with pause, resume and cancel. */
export class RunController {
  private active: ActiveRun | null = null;
  private lastRequest: RunRequest | null = null;
  private lastCheckpoint: CopaCheckpoint | null = null;

  constructor(private readonly deps: RunControllerDeps) {}

  get running(): boolean {
    return this.active !== null;
  }

  /** Refuses what cannot happen while a run is going (switching models, clearing the cache). */
  assertIdle(action: string): void {
    if (this.active)
      throw new WorkerStateError(`A run is going; pause or cancel it before you ${action}.`);
  }

  start(request: RunRequest, onEvents: EventsCallback, hooks?: RunHooks): Promise<RunOutcome> {
    return this.run(request, onEvents, undefined, hooks);
  }

  /** Continues a stored run: its request and last checkpoint (none: start it over). */
  continueRun(
    request: RunRequest,
    from: CopaCheckpoint | undefined,
    onEvents: EventsCallback,
    hooks?: RunHooks,
  ): Promise<RunOutcome> {
    return this.run(request, onEvents, from, hooks);
  }

  /** Continues the last paused run (or the given checkpoint) with the current model. */
  resume(onEvents: EventsCallback, checkpoint?: CopaCheckpoint): Promise<RunOutcome> {
    const from = checkpoint ?? this.lastCheckpoint;
    if (!this.lastRequest || !from) throw new WorkerStateError(NOTHING_PAUSED);
    return this.run(this.lastRequest, onEvents, from);
  }

  pause(): void {
    if (this.active) this.active.pauseRequested = true;
  }

  cancel(): void {
    this.active?.controller.abort();
  }

  private async run(
    request: RunRequest,
    onEvents: EventsCallback,
    resumeFrom: CopaCheckpoint | undefined,
    hooks?: RunHooks,
  ): Promise<RunOutcome> {
    if (this.active)
      throw new WorkerStateError('A run is already going; pause or cancel it first.');
    checkRunSettings(request.config);
    if (resumeFrom) checkRunSettings(resumeFrom.config);
    const engine = this.deps.model();
    const task = resolveTask(request.task, this.deps.tasks);
    // Without validation examples every candidate would score 0 (or NaN), without training
    // examples there is nothing to bootstrap from: refuse before anything starts.
    const empty = emptySplitProblem({
      train: task.splits.train.length,
      val: task.splits.val.length,
    });
    if (empty !== null) throw new EmptySplitError(empty);
    const active: ActiveRun = { controller: new AbortController(), pauseRequested: false };
    this.active = active;
    this.lastRequest = request;
    // A lost device stops the run at once (GuardedLM); other engine errors stop it after a few
    // in a row (EngineFailureGuard) instead of being scored as wrong answers. The optimizer's
    // session guards its model too, but from outside this GuardedLM, which must see the
    // guard's error to pause the run as it pauses for a lost device.
    const guarded = new GuardedLM(
      new EngineFailureGuard(new YieldingLM(engine)),
      () => active.controller.abort(),
      this.deps.stopsRun,
    );
    const answers = countingAnswers(adapterFor(request.adapter));
    const batcher = new EventBatcher<RunEvent>(onEvents, this.deps.eventIntervalMs ?? 50);
    // Only a checkpoint written after a finished phase is safe to resume from.
    let saved: CopaCheckpoint | null = resumeFrom ?? null;
    try {
      const result = await runCopa(
        {
          program: task.program,
          trainset: task.splits.train,
          valset: task.splits.val,
          metric: task.metric,
          constraints: task.constraints,
        },
        {
          lm: guarded,
          adapter: answers.adapter,
          ...(this.deps.cacheStore ? { cacheStore: this.deps.cacheStore } : {}),
          ...(request.config ? { config: request.config } : {}),
          ...(resumeFrom ? { resumeFrom } : {}),
          // The guard aborts the run when the engine is lost; the run then ends as cancelled,
          // but nobody cancelled it: it is paused at its last checkpoint, to be resumed.
          onEvent: (e) =>
            batcher.push(
              guarded.fatal && e.type === 'run-finished' && e.reason === 'cancelled'
                ? { ...e, reason: 'paused' }
                : e,
            ),
          signal: active.controller.signal,
          onCheckpoint: async (cp) => {
            saved = cp;
            await hooks?.onCheckpoint?.(cp);
          },
          shouldPause: () => active.pauseRequested,
          speed: this.deps.speed?.() ?? null,
        },
      );
      this.lastCheckpoint = result.stopReason === 'paused' ? result.checkpoint : saved;
      if (guarded.fatal) {
        await this.deps.onEngineLost();
        return {
          status: 'engine-lost',
          stopReason: 'paused',
          result,
          error: { name: guarded.fatal.name, message: guarded.fatal.message },
          answers: answers.count,
        };
      }
      return {
        status: statusOf(result),
        stopReason: result.stopReason,
        result,
        answers: answers.count,
      };
    } catch (err) {
      // A run stopped by an error (the engine kept failing, a prompt cannot fit) can be resumed
      // from its last finished phase once the cause is dealt with.
      this.lastCheckpoint = saved;
      throw err;
    } finally {
      batcher.flush();
      this.active = null;
    }
  }
}

function statusOf(result: CopaResult): RunStatus {
  if (result.stopReason === 'paused') return 'paused';
  if (result.stopReason === 'cancelled') return 'cancelled';
  return 'finished';
}
