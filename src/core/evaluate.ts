import { pickFields, type Example, type Prediction } from './example';
import type { Metric } from './metric';
import type { Program } from './program';
import { isParseFailure, runProgram, type RunContext, type TraceStep } from './run-program';

export interface EvaluateOptions {
  program: Program;
  examples: readonly Example[];
  metric: Metric;
  ctx: RunContext;
  /** Defaults to ctx.signal. */
  signal?: AbortSignal;
  onProgress?: (done: number, total: number, last: ExampleResult) => void;
  /** Stop (stoppedReason 'max-errors') after this many failed examples; wrong answers do not count. Default Infinity. */
  maxErrors?: number;
  /** Score of an example that errored or failed to parse; default 0. */
  failureScore?: number;
}

export interface ExampleResult {
  exampleId: string;
  prediction: Prediction | null;
  score: number;
  /** The output could not be parsed: counted apart from a wrong answer. */
  parseFailure: boolean;
  /** Outputs still broke a constraint after the retries. */
  constraintViolation: boolean;
  error: string | null;
  trace: TraceStep[];
}

export interface EvaluationResult {
  /** Mean score over the evaluated examples (results.length), 0..1; 0 when none finished. */
  score: number;
  /** In example order, only the finished ones. */
  results: ExampleResult[];
  /** Examples requested. */
  total: number;
  stoppedReason: 'completed' | 'aborted' | 'max-errors' | 'budget';
  parseFailures: number;
  constraintViolations: number;
  /** Other errors: neither parse failures nor constraint violations. */
  errors: number;
}

type Failure = 'parse' | 'constraint' | 'other';

/** Errors evaluate rethrows instead of scoring the example (see engine-failures.ts). */
const STOPS_THE_RUN = new Set(['EngineFailureError', 'ContextOverflowError']);

/**
 * Runs the program on each example in order and scores it. Never throws for abort or budget:
 * it resolves with what finished and the reason it stopped. Throws EngineFailureError (the
 * model keeps failing) and ContextOverflowError (a prompt cannot fit): those are not answers.
 */
export async function evaluate(opts: EvaluateOptions): Promise<EvaluationResult> {
  const { program, examples, metric } = opts;
  const signal = opts.signal ?? opts.ctx.signal;
  const ctx: RunContext = { ...opts.ctx, signal };
  const maxErrors = opts.maxErrors ?? Infinity;
  const failureScore = opts.failureScore ?? 0;
  const inputNames = program.inputFields;
  const results: ExampleResult[] = [];
  const counts = { parse: 0, constraint: 0, other: 0 };
  let stoppedReason: EvaluationResult['stoppedReason'] = 'completed';

  for (const example of examples) {
    if (signal?.aborted) {
      stoppedReason = 'aborted';
      break;
    }
    let result: ExampleResult;
    try {
      const run = await runProgram(program, pickFields(example.data, inputNames), ctx);
      result = success(
        example,
        run.prediction,
        run.trace,
        await metric(example, run.prediction, run.trace, ctx),
      );
    } catch (err) {
      if (signal?.aborted || errorName(err) === 'AbortError') {
        stoppedReason = 'aborted';
        break;
      }
      if (errorName(err) === 'BudgetExceededError') {
        stoppedReason = 'budget';
        break;
      }
      // Not a wrong answer: a failing engine or a prompt that cannot fit stops the run, loudly.
      if (STOPS_THE_RUN.has(errorName(err) ?? '')) throw err;
      const kind = classify(err);
      counts[kind]++;
      result = failure(example, kind, err, failureScore);
    }
    results.push(result);
    opts.onProgress?.(results.length, examples.length, result);
    if (counts.parse + counts.constraint + counts.other >= maxErrors) {
      stoppedReason = 'max-errors';
      break;
    }
  }

  const sum = results.reduce((acc, r) => acc + r.score, 0);
  return {
    score: results.length > 0 ? sum / results.length : 0,
    results,
    total: examples.length,
    stoppedReason,
    parseFailures: counts.parse,
    constraintViolations: counts.constraint,
    errors: counts.other,
  };
}

function success(
  example: Example,
  prediction: Prediction,
  trace: TraceStep[],
  rawScore: number,
): ExampleResult {
  return {
    exampleId: example.id,
    prediction,
    score: Number.isFinite(rawScore) ? Math.min(1, Math.max(0, rawScore)) : 0,
    parseFailure: false,
    constraintViolation: false,
    error: null,
    trace,
  };
}

function failure(example: Example, kind: Failure, err: unknown, score: number): ExampleResult {
  return {
    exampleId: example.id,
    prediction: null,
    score,
    parseFailure: kind === 'parse',
    constraintViolation: kind === 'constraint',
    error: err instanceof Error ? err.message : String(err),
    trace: [],
  };
}

function classify(err: unknown): Failure {
  if (isParseFailure(err)) return 'parse';
  if (errorName(err) === 'ConstraintViolationError') return 'constraint';
  return 'other';
}

function errorName(err: unknown): string | undefined {
  return err instanceof Error ? err.name : undefined;
}
