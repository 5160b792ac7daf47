import type { ConstraintSpec } from '../core/constraints';
import type { Example } from '../core/example';
import type { Metric } from '../core/metric';
import type { MetricId } from '../core/metrics';
import type { Program } from '../core/program';

/** Sizes of a task's splits. */
export interface SplitSizes {
  train: number;
  val: number;
  test: number;
}

/** What the UI may show about a built-in task without loading (generating) its data. */
export interface TaskMetadata {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly sizes: SplitSizes;
  /** The output field the metric scores. */
  readonly targetField: string;
  readonly metricId: MetricId;
  /** How the stand-in model fares on it, in plain words. */
  readonly standInNote: string;
}

/** A built-in task: a program to optimize, how to score it, rules on outputs, and data. */
export interface BuiltInTask extends TaskMetadata {
  readonly program: Program;
  readonly metric: Metric;
  readonly constraints: readonly ConstraintSpec[];
  readonly splits: { train: Example[]; val: Example[]; test: Example[] };
  /** The seed the data was generated with. */
  readonly seed: number;
}

/** The default data seed of the built-in tasks. */
export const DEFAULT_TASK_SEED = 1;
