import type { Example, Prediction } from './example';
import type { TraceStep } from './run-program';

/**
 * Scores a prediction against an example's gold values: a number in [0, 1]. During
 * bootstrapping the trace is passed too, so a metric can check intermediate steps.
 */
export type Metric = (
  example: Example,
  prediction: Prediction,
  trace?: readonly TraceStep[],
) => number;
