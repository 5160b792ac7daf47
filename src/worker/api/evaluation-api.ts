import type { ConstraintSpec } from '../../core/constraints';
import type { FieldValues, Prediction } from '../../core/example';
import type { LMRequest } from '../../core/lm';
import type { ProgramState } from '../../core/program';
import type { AdapterName, TaskRef } from './tasks-api';

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

/** One example's score, next to its inputs and gold values. */
export interface EvaluatedExample {
  exampleId: string;
  score: number;
  prediction: Prediction | null;
  error: string | null;
  parseFailure?: boolean;
  constraintViolation?: boolean;
  /** The example's input values, and its other (gold) values, to show next to the prediction. */
  inputs?: FieldValues;
  gold?: FieldValues;
}

export interface EvaluateSummary {
  score: number;
  total: number;
  evaluated: number;
  stoppedReason: 'completed' | 'aborted' | 'max-errors' | 'budget';
  parseFailures: number;
  constraintViolations: number;
  errors: number;
  results: EvaluatedExample[];
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
  /** True when Try it was cancelled: the requests and replies above are those sent before. */
  cancelled?: boolean;
}

export type EvaluateProgressCallback = (done: number, total: number) => void;

/** Running a program without optimizing it: scored on a split, or once on given inputs. */
export interface EvaluationApi {
  evaluateProgram(
    request: EvaluateRequest,
    onProgress?: EvaluateProgressCallback,
  ): Promise<EvaluateSummary>;
  cancelEvaluation(): Promise<void>;
  runOnce(request: RunOnceRequest): Promise<RunOnceResult>;
  /** Stops the Try it call going (a slow model can take a minute); it returns what was sent. */
  cancelRunOnce(): Promise<void>;
}
