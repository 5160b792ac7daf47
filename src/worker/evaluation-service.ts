import { validatorFor } from '../core/constraints';
import { evaluate } from '../core/evaluate';
import { Program } from '../core/program';
import { YieldingLM } from '../core/yielding-lm';
import { EmptySplitError } from '../core/interop/dataset/errors';
import { NOTHING_TO_TEST } from '../core/interop/dataset/split-needs';
import type {
  EvaluateProgressCallback,
  EvaluateRequest,
  EvaluateSummary,
  EvaluationApi,
  RunOnceRequest,
  RunOnceResult,
} from './api';
import type { DatasetLibrary } from './dataset-library';
import type { EngineHolder } from './engine-holder';
import { evaluationSummary } from './evaluation-summary';
import { requestedTask } from './requested-task';
import { runOnce } from './run-once';
import { adapterFor, resolveTask, type TaskLookup } from './task-resolver';
import { WorkerStateError } from './worker-errors';

/** Scores a program on a split (one evaluation at a time), or runs it once for Try it. */
export class EvaluationService implements EvaluationApi {
  readonly #engines: EngineHolder;
  readonly #tasks: TaskLookup;
  readonly #datasets: DatasetLibrary | null;
  #evaluation: AbortController | null = null;
  #tryIt: AbortController | null = null;

  constructor(engines: EngineHolder, tasks: TaskLookup, datasets: DatasetLibrary | null) {
    this.#engines = engines;
    this.#tasks = tasks;
    this.#datasets = datasets;
  }

  async evaluateProgram(
    request: EvaluateRequest,
    onProgress?: EvaluateProgressCallback,
  ): Promise<EvaluateSummary> {
    const ref = await requestedTask(request, this.#datasets);
    if (this.#evaluation) throw new WorkerStateError('An evaluation is already going.');
    const task = resolveTask(ref, this.#tasks);
    const program = request.program ? Program.fromState(request.program) : task.program;
    const examples = task.splits[request.split].slice(0, request.limit ?? Infinity);
    // A dataset imported with a test share of 0: a score of no examples would read as 0%.
    if (request.split === 'test' && task.splits.test.length === 0)
      throw new EmptySplitError(NOTHING_TO_TEST);
    const controller = new AbortController();
    this.#evaluation = controller;
    try {
      const result = await evaluate({
        program,
        examples,
        metric: task.metric,
        ctx: {
          lm: new YieldingLM(this.#engines.model()),
          adapter: adapterFor(request.adapter),
          validate: validatorFor(task.constraints),
          signal: controller.signal,
        },
        // Only the counts cross to the page, not each example's result.
        ...(onProgress
          ? { onProgress: (done: number, total: number) => onProgress(done, total) }
          : {}),
      });
      return evaluationSummary(result, examples, program.inputFields);
    } finally {
      this.#evaluation = null;
    }
  }

  async cancelEvaluation(): Promise<void> {
    this.#evaluation?.abort();
  }

  async runOnce(request: RunOnceRequest): Promise<RunOnceResult> {
    // A new Try it replaces one still going (the page sends one at a time).
    this.#tryIt?.abort();
    const controller = new AbortController();
    this.#tryIt = controller;
    try {
      return await runOnce(this.#engines.model(), request, controller.signal);
    } finally {
      if (this.#tryIt === controller) this.#tryIt = null;
    }
  }

  async cancelRunOnce(): Promise<void> {
    this.#tryIt?.abort();
  }
}
