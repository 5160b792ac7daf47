import type { CacheStore } from '../core/cache';
import { validatorFor, constraintFromSpec } from '../core/constraints';
import { evaluate } from '../core/evaluate';
import { METRICS } from '../core/metrics';
import { pickFields } from '../core/example';
import { estimateCopaCost } from '../core/optimizers/cost-estimate';
import type { CopaCheckpoint } from '../core/optimizers/checkpoint';
import { Program } from '../core/program';
import { runProgram, type ProgramRun } from '../core/run-program';
import type { TaskMetadata } from '../tasks/task';
import type {
  CopaWorkerApi,
  CustomModelInput,
  EngineStatus,
  EvaluateProgressCallback,
  EvaluateRequest,
  EvaluateSummary,
  EventsCallback,
  ProgressCallback,
  RunOnceRequest,
  RunOnceResult,
  RunOutcome,
  RunRequest,
  StorageReport,
  TaskOverview,
  TaskOverviewRequest,
} from './api';
import { EngineHolder, type EngineHolderDeps } from './engine-holder';
import { RecordingLM } from './guarded-lm';
import { stepOfRequest } from './request-steps';
import { labelMismatches } from './label-fit';
import { RunController } from './run-controller';
import type { StorageDeps } from './storage-deps';
import { StorageService } from './storage-service';
import type { DatasetFileInput, DatasetImportInput, ProgramExportFormat } from './storage-api';
import { adapterFor, dataFieldsOf, resolveTask, taskRules, type TaskLookup } from './task-resolver';
import { WorkerStateError } from './worker-errors';
import { YieldingLM } from './yielding-lm';

export interface ServiceDeps extends EngineHolderDeps {
  tasks: TaskLookup;
  taskList: () => readonly TaskMetadata[];
  cacheStore?: CacheStore;
  eventIntervalMs?: number;
  /** IndexedDB stores; without them runs are not persisted and storage methods refuse. */
  storage?: StorageDeps;
}

/** Errors about what the model wrote (as opposed to the engine or the request). */
const MODEL_OUTPUT_ERRORS: ReadonlySet<string> = new Set([
  'ParseError',
  'ConstraintViolationError',
]);

/**
 * Everything the worker does, as a plain object: the worker entry only exposes it through
 * comlink, and tests call it directly in Node.
 */
export class CopaService implements CopaWorkerApi {
  private readonly engines: EngineHolder;
  private readonly runs: RunController;
  private evaluation: AbortController | null = null;
  private readonly storage: StorageService | null;

  constructor(private readonly deps: ServiceDeps) {
    this.engines = new EngineHolder(deps);
    const cacheStore = deps.cacheStore ?? deps.storage?.lmCache;
    this.runs = new RunController({
      model: () => this.engines.model(),
      tasks: deps.tasks,
      onEngineLost: () => this.engines.dropAfterDeviceLoss(),
      ...(cacheStore ? { cacheStore } : {}),
      ...(deps.eventIntervalMs !== undefined ? { eventIntervalMs: deps.eventIntervalMs } : {}),
    });
    this.storage = deps.storage
      ? new StorageService(deps.storage, this.runs, () => this.engines.status(), deps.tasks)
      : null;
  }

  probe = () => this.engines.probe();
  catalog = () => this.engines.catalog();
  addCustomModel = (input: CustomModelInput) => this.engines.addCustomModel(input);
  engineStatus = async (): Promise<EngineStatus> => this.engines.status();
  modelUsage = async () => this.engines.usage();
  cachedModels = (): Promise<StorageReport> => this.engines.cachedModels();
  listTasks = async (): Promise<TaskMetadata[]> => [...this.deps.taskList()];

  async loadModel(modelId: string, onProgress?: ProgressCallback): Promise<EngineStatus> {
    this.assertIdle('load a model');
    return this.engines.load(modelId, onProgress);
  }

  async cancelLoad(): Promise<void> {
    this.engines.cancelLoad();
  }

  async useStandIn(seed = 0, latencyMs = 0): Promise<EngineStatus> {
    this.assertIdle('switch models');
    return this.engines.useStandIn(seed, latencyMs);
  }

  async deleteCachedModel(modelId: string): Promise<StorageReport> {
    this.assertIdle('delete a model');
    return this.engines.deleteCached(modelId);
  }

  startRun(request: RunRequest, onEvents: EventsCallback): Promise<RunOutcome> {
    if (this.storage) return this.storage.startStoredRun(request, onEvents);
    return this.runs.start(request, onEvents);
  }

  async pauseRun(): Promise<void> {
    this.runs.pause();
  }

  async resumeRun(onEvents: EventsCallback, checkpoint?: CopaCheckpoint): Promise<RunOutcome> {
    const paused = this.storage?.runs.pausedRun;
    if (this.storage && paused && !checkpoint)
      return this.storage.resumeStoredRun(paused, onEvents);
    return this.runs.resume(onEvents, checkpoint);
  }

  async cancelRun(): Promise<void> {
    this.runs.cancel();
    this.evaluation?.abort();
  }

  async evaluateProgram(
    request: EvaluateRequest,
    onProgress?: EvaluateProgressCallback,
  ): Promise<EvaluateSummary> {
    const ref = request.datasetId
      ? await this.store().refOnDataset(request.task, request.datasetId)
      : request.task;
    if (this.evaluation) throw new WorkerStateError('An evaluation is already going.');
    const task = resolveTask(ref, this.deps.tasks);
    const program = request.program ? Program.fromState(request.program) : task.program;
    const examples = task.splits[request.split].slice(0, request.limit ?? Infinity);
    const byId = new Map(examples.map((e) => [e.id, e.data]));
    const controller = new AbortController();
    this.evaluation = controller;
    try {
      const result = await evaluate({
        program,
        examples,
        metric: task.metric,
        ctx: {
          lm: new YieldingLM(this.engines.model()),
          adapter: adapterFor(request.adapter),
          validate: validatorFor(task.constraints),
          signal: controller.signal,
        },
        ...(onProgress
          ? { onProgress: (done: number, total: number) => onProgress(done, total) }
          : {}),
      });
      return {
        score: result.score,
        total: result.total,
        evaluated: result.results.length,
        stoppedReason: result.stoppedReason,
        parseFailures: result.parseFailures,
        constraintViolations: result.constraintViolations,
        errors: result.errors,
        results: result.results.map((r) => {
          const data = byId.get(r.exampleId) ?? {};
          const inputs = pickFields(data, program.inputFields);
          const gold = pickFields(
            data,
            Object.keys(data).filter((k) => !(k in inputs)),
          );
          return {
            exampleId: r.exampleId,
            score: r.score,
            prediction: r.prediction,
            error: r.error,
            parseFailure: r.parseFailure,
            constraintViolation: r.constraintViolation,
            inputs,
            gold,
          };
        }),
      };
    } finally {
      this.evaluation = null;
    }
  }

  async cancelEvaluation(): Promise<void> {
    this.evaluation?.abort();
  }

  async runOnce(request: RunOnceRequest): Promise<RunOnceResult> {
    const lm = new RecordingLM(this.engines.model());
    const program = Program.fromState(request.program);
    const adapter = adapterFor(request.adapter);
    const stepOf = stepOfRequest(program, adapter);
    let run: ProgramRun;
    try {
      run = await runProgram(program, request.inputs, {
        lm,
        adapter,
        validate: validatorFor((request.constraints ?? []).map(constraintFromSpec)),
        ...(request.temperature !== undefined ? { temperature: request.temperature } : {}),
        ...(request.seed !== undefined ? { seed: request.seed } : {}),
      });
    } catch (err) {
      // A model answer that cannot be used is a result to look at, not a dead end: Try it
      // shows what was sent and what came back.
      if (!(err instanceof Error) || !MODEL_OUTPUT_ERRORS.has(err.name)) throw err;
      return {
        prediction: {},
        requests: lm.requests,
        requestSteps: lm.requests.map(stepOf),
        replies: lm.replies,
        error: { name: err.name, message: err.message },
      };
    }
    return {
      prediction: run.prediction,
      requests: lm.requests,
      requestSteps: lm.requests.map(stepOf),
      replies: lm.replies,
    };
  }

  async taskOverview(request: TaskOverviewRequest): Promise<TaskOverview> {
    // A run on a stored dataset uses its splits (and the program adapted to it, if any), so
    // its sizes, cost, samples and checks are those shown.
    const ref = request.datasetId
      ? await this.store().refOnDataset(request.task, request.datasetId)
      : request.task;
    const task = resolveTask(ref, this.deps.tasks);
    const { metricId, targetField, constraints } = taskRules(ref, this.deps.tasks);
    const { train, val, test } = task.splits;
    const inputNames = task.program.inputFields;
    return {
      program: task.program.toState(),
      constraints,
      sizes: { train: train.length, val: val.length, test: test.length },
      estimate: estimateCopaCost(
        { program: task.program, trainset: train, valset: val },
        request.config,
      ),
      sampleInputs: (test.length > 0 ? test : val)
        .slice(0, 5)
        .map((e) => pickFields(e.data, inputNames)),
      dataFields: dataFieldsOf({ train, val, test }),
      labelMismatches: labelMismatches(
        task.program.toState(),
        { metricId, targetField, constraints },
        [...train, ...val, ...test],
      ),
      metricId,
      targetField,
      metrics: METRICS.map(({ id, name, description }) => ({ id, name, description })),
    };
  }

  // Storage: datasets, programs, stored runs, the model-answer cache (see storage-service.ts).
  previewDataset = async (file: DatasetFileInput, taskId: string, limit?: number) =>
    this.store().previewDataset(file, taskId, limit);
  importDataset = async (input: DatasetImportInput) => this.store().importDataset(input);
  listDatasets = async () => this.store().listDatasets();
  deleteDataset = async (id: string) => this.store().deleteDataset(id);
  datasetExamples = async (id: string) => this.store().datasetExamples(id);
  taskFields = async (taskId: string) => this.store().taskFields(taskId);
  listPrograms = async () => this.store().listPrograms();
  deleteProgram = async (id: string) => this.store().deleteProgram(id);
  exportProgram = async (id: string, format: ProgramExportFormat) =>
    this.store().exportProgram(id, format);
  importProgram = async (fileName: string, text: string) =>
    this.store().importProgram(fileName, text);
  listRuns = async () => this.store().listRuns();
  listUnfinishedRuns = async () => this.store().listUnfinishedRuns();
  deleteRun = async (id: string) => this.store().deleteRun(id);
  // From the Library the Optimize screen starts empty: the finished phases are retold first.
  storedRunHistory = async (runId: string) => this.store().storedRunHistory(runId);
  runReport = async (runId: string) => this.store().runReport(runId);
  resumeStoredRun = async (runId: string, onEvents: EventsCallback) =>
    this.store().resumeStoredRun(runId, onEvents, true);
  runLockState = async () => this.store().runLockState();
  lmCacheReport = async () => this.store().lmCacheReport();
  storageStatus = async () => this.store().storageStatus();

  async clearLmCache() {
    this.assertIdle('clear the model-answer cache');
    return this.store().clearLmCache();
  }

  private store(): StorageService {
    if (!this.storage)
      throw new WorkerStateError(
        'Storage is not available here (IndexedDB is missing or blocked), so nothing can be saved or loaded.',
      );
    return this.storage;
  }

  private assertIdle(action: string): void {
    if (this.runs.running)
      throw new WorkerStateError(`A run is going; pause or cancel it before you ${action}.`);
  }
}
