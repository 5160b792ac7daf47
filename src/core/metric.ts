import type { Example, Prediction } from './example';
import type { RunContext, TraceStep } from './run-program';

/**
 * Scores a prediction against an example's gold values: a number in [0, 1]. During
 * bootstrapping the trace is passed too, so a metric can check intermediate steps. A metric that
 * asks the model (an LLM judge) gets the context of the run it scores, so its calls go through
 * the same cache, budget and abort signal, and says how many calls a score may cost.
 */
export type Metric = ((
  example: Example,
  prediction: Prediction,
  trace?: readonly TraceStep[],
  context?: RunContext,
) => number | Promise<number>) & { readonly modelCallsPerScore?: number };

/** Model calls a metric may make to score one prediction (0 for a metric that only compares). */
export function modelCallsPerScore(metric: Metric): number {
  return metric.modelCallsPerScore ?? 0;
}

/** A metric that only compares the prediction with the gold values: synchronous, no calls. */
export type ComparisonMetric = (example: Example, prediction: Prediction) => number;
