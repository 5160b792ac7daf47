/**
 * The worker's API: types only. Everything crossing the boundary is plain data; progress and
 * events arrive through callbacks the client wraps with comlink.proxy (and releases when done).
 */
import type { ConstraintSpec } from '../core/constraints';
import type { Example, FieldValues, Prediction } from '../core/example';
import type { JsonObject } from '../core/json';
import type { LMRequest } from '../core/lm';
import type { MetricId } from '../core/metrics';
import type { CopaResult } from '../core/optimizers/copa';
import type { CopaCheckpoint } from '../core/optimizers/checkpoint';
import type { CopaConfig } from '../core/optimizers/copa-config';
import type { CostEstimate } from '../core/optimizers/cost-estimate';
import type { RunEvent } from '../core/optimizers/events';
import type { StopReason } from '../core/optimizers/records';
import type { ProgramState } from '../core/program';
import type { ScoringRules } from '../core/scoring-rules';
import type { GpuReport } from '../engines/gpu-probe';
import type { Catalog, CatalogEntry } from '../engines/model-catalog';
import type { EngineErrorName } from '../engines/webllm/errors';
import type { LoadProgress } from '../engines/webllm/load-progress';
import type { UsageSummary } from '../engines/webllm/webllm-model';
import type { TaskMetadata } from '../tasks/task';
import type { StorageWorkerApi } from './storage-api';

export type {
  Catalog,
  CatalogEntry,
  GpuReport,
  LoadProgress,
  RunEvent,
  TaskMetadata,
  UsageSummary,
};

/** The model the worker currently answers with. */
export interface EngineStatus {
  kind: 'standin' | 'webllm' | null;
  /** The LanguageModel id (part of cache keys), e.g. "webllm:Qwen2.5-0.5B-Instruct-q4f16_1-MLC". */
  modelId: string | null;
  /** What to show; the stand-in is always labeled as such. */
  label: string;
}

/** A model the user adds by address (their own hosting of MLC-compiled weights). */
export interface CustomModelInput {
  modelId: string;
  /** Base URL of the weights (a Hugging Face repo or any folder with mlc-chat-config.json). */
  modelUrl: string;
  /** URL of the compiled WebGPU library (.wasm). */
  modelLibUrl: string;
  contextWindow?: number;
  memoryMB?: number;
}

export interface CachedModel {
  modelId: string;
  label: string;
  /** Bytes stored for this model, or null when the browser does not say. */
  bytes: number | null;
}

export interface StorageReport {
  models: CachedModel[];
  /** Everything this site stores (models, datasets, runs), from navigator.storage.estimate(). */
  usageBytes: number | null;
  quotaBytes: number | null;
}

/** Where a run's program and data come from. */
export type TaskRef =
  | {
      kind: 'builtin';
      taskId: string;
      dataSeed?: number;
      /** A user-edited version of the task's program (the task's own program when omitted). */
      program?: ProgramState;
      /** A user-chosen metric and scored field (the task's own when omitted). */
      metricId?: MetricId;
      targetField?: string;
      /** User-edited rules on outputs (the task's own when omitted). */
      constraints?: ConstraintSpec[];
    }
  | {
      kind: 'custom';
      program: ProgramState;
      trainset: Example[];
      valset: Example[];
      testset?: Example[];
      metricId: MetricId;
      /** The output field the metric scores. */
      targetField: string;
      constraints?: ConstraintSpec[];
    };

export type AdapterName = 'chat' | 'json';

export interface RunRequest {
  task: TaskRef;
  /** Run a built-in task's program on this stored dataset's splits instead of the task's own. */
  datasetId?: string;
  adapter?: AdapterName;
  config?: Partial<CopaConfig>;
}

/** How a run ended. 'engine-lost': the GPU was lost; resume after loading a model again. */
export type RunStatus = 'finished' | 'paused' | 'cancelled' | 'engine-lost';

export interface RunOutcome {
  status: RunStatus;
  stopReason: StopReason;
  result: CopaResult;
  /** Set when status is 'engine-lost'. */
  error?: { name: string; message: string };
  /** The stored run (when storage is available) and the program a finished run saved. */
  runId?: string;
  programId?: string;
}

export interface EvaluateRequest {
  task: TaskRef;
  /** The program to score; the task's own program when omitted. */
  program?: ProgramState;
  split: 'train' | 'val' | 'test';
  adapter?: AdapterName;
  /** Score only the first N examples. */
  limit?: number;
  /** Score on this stored dataset's split (a built-in task's program on it; see runs). */
  datasetId?: string;
}

export interface EvaluateSummary {
  score: number;
  total: number;
  evaluated: number;
  stoppedReason: 'completed' | 'aborted' | 'max-errors' | 'budget';
  parseFailures: number;
  constraintViolations: number;
  errors: number;
  results: {
    exampleId: string;
    score: number;
    prediction: Prediction | null;
    error: string | null;
    parseFailure?: boolean;
    constraintViolation?: boolean;
    /** The example's input values, and its other (gold) values, to show next to the prediction. */
    inputs?: FieldValues;
    gold?: FieldValues;
  }[];
}

export interface RunOnceRequest {
  program: ProgramState;
  inputs: FieldValues;
  adapter?: AdapterName;
  /** Constraints to check (violations are retried with feedback, as in a run). */
  constraints?: ConstraintSpec[];
  temperature?: number;
  seed?: number;
}

export interface RunOnceResult {
  /** Empty when `error` is set. */
  prediction: Prediction;
  /** Every request exactly as it went to the model, in order (retries included). */
  requests: LMRequest[];
  /** The model's reply to each request, in the same order. */
  replies: string[];
  /** The step that sent each request, in the same order (null: none recognised). */
  requestSteps: (string | null)[];
  /**
   * Set when the model's answer could not be used (unreadable, or a rule still broken after
   * the retries): the requests and replies above show what happened.
   */
  error?: { name: string; message: string };
}

/** What the UI shows about a task before a run: its program, rules on outputs and expected cost. */
export interface TaskOverview {
  program: ProgramState;
  constraints: ConstraintSpec[];
  sizes: { train: number; val: number; test: number };
  /** Expected cost of a COPA run with the given configuration (cold cache, no retries). */
  estimate: CostEstimate;
  /** Inputs of a few test examples, for trying the program on something realistic. */
  sampleInputs: FieldValues[];
  /** The fields the data's examples have (a program must read its inputs from these). */
  dataFields: string[];
  /** Label outputs whose gold values in the data are not all among the program's labels. */
  labelMismatches: LabelMismatch[];
  /** The metric the task is scored with and the output field it scores. */
  metricId?: MetricId;
  targetField?: string;
  /** The built-in metrics to choose from (plain data from core's METRICS). */
  metrics?: MetricChoice[];
}

/** A label output of the program against the gold values the data has for it. */
export interface LabelMismatch {
  field: string;
  /** The program's labels for the field. */
  labels: string[];
  /** The data's distinct values for the field, most frequent first (at most 30). */
  dataLabels: string[];
  /** Values in the data that are not labels (ignoring case), most frequent first (at most 30). */
  unknown: string[];
  /** Examples whose gold value is not a label: no answer can score on them. */
  examples: number;
  /** Examples with a value for the field. */
  total: number;
  /** Too many distinct values for a label set: the field looks like free text. */
  tooMany: boolean;
  /** The program and rules with the data's labels for the field (null when `tooMany`). */
  fix: { program: ProgramState; rules: ScoringRules } | null;
}

/** A built-in metric as the UI lists it. */
export interface MetricChoice {
  id: MetricId;
  name: string;
  description: string;
}

export interface TaskOverviewRequest {
  task: TaskRef;
  /** A stored dataset a built-in task will run on: sizes, cost and sample inputs come from it. */
  datasetId?: string;
  config?: Partial<CopaConfig>;
}

export type ProgressCallback = (progress: LoadProgress) => void;
/** Run events arrive in small batches so the main thread handles few messages. */
export type EventsCallback = (events: RunEvent[]) => void;
export type EvaluateProgressCallback = (done: number, total: number) => void;

/** What the worker exposes. Every method may reject with a named error (see client.ts). */
export interface CopaWorkerApi extends StorageWorkerApi {
  probe(): Promise<GpuReport>;
  catalog(): Promise<Catalog>;
  addCustomModel(input: CustomModelInput): Promise<Catalog>;
  loadModel(modelId: string, onProgress?: ProgressCallback): Promise<EngineStatus>;
  cancelLoad(): Promise<void>;
  /** `latencyMs` adds a wait per call so the stand-in paces like a real model. */
  useStandIn(seed?: number, latencyMs?: number): Promise<EngineStatus>;
  engineStatus(): Promise<EngineStatus>;
  modelUsage(): Promise<UsageSummary | null>;
  cachedModels(): Promise<StorageReport>;
  deleteCachedModel(modelId: string): Promise<StorageReport>;
  listTasks(): Promise<TaskMetadata[]>;
  startRun(request: RunRequest, onEvents: EventsCallback): Promise<RunOutcome>;
  /** Pauses at the end of the current phase. */
  pauseRun(): Promise<void>;
  resumeRun(onEvents: EventsCallback, checkpoint?: CopaCheckpoint): Promise<RunOutcome>;
  /** Stops scheduling and interrupts the generation in flight. */
  cancelRun(): Promise<void>;
  evaluateProgram(
    request: EvaluateRequest,
    onProgress?: EvaluateProgressCallback,
  ): Promise<EvaluateSummary>;
  cancelEvaluation(): Promise<void>;
  runOnce(request: RunOnceRequest): Promise<RunOnceResult>;
  /** The task's program, constraints, split sizes and the cost estimate of a run. */
  taskOverview(request: TaskOverviewRequest): Promise<TaskOverview>;
}

/** Errors the client rebuilds as typed errors (everything else becomes a plain Error with its name). */
export type KnownErrorName =
  | EngineErrorName
  | 'AbortError'
  | 'BudgetExceededError'
  | 'ParseError'
  | 'ConstraintViolationError'
  | 'ProgramStateError'
  | 'SignatureError'
  | 'WorkerStateError';

export type { JsonObject };
