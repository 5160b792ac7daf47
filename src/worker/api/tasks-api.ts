import type { ConstraintSpec } from '../../core/constraints';
import type { Example, FieldValues } from '../../core/example';
import type { MetricId } from '../../core/metrics';
import type { CopaConfig } from '../../core/optimizers/copa-config';
import type { CostEstimate } from '../../core/optimizers/cost-estimate';
import type { ProgramState } from '../../core/program';
import type { ScoringRules } from '../../core/scoring-rules';
import type { TaskMetadata } from '../../tasks/task';

export type { TaskMetadata };

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

/** What the UI shows about a task before a run: its program, rules on outputs and expected cost. */
export interface TaskOverview {
  program: ProgramState;
  constraints: ConstraintSpec[];
  sizes: { train: number; val: number; test: number };
  /** Expected cost of a COPA run with the given configuration (cold cache, no retries). */
  estimate: CostEstimate;
  /**
   * With more than one cycle: the expected cost up to the end of the first cycle (a run that
   * changes nothing in a cycle stops there).
   */
  firstCycleEstimate?: CostEstimate;
  /** Inputs of a few test examples, for trying the program on something realistic. */
  sampleInputs: FieldValues[];
  /** The fields the data's examples have (a program must read its inputs from these). */
  dataFields: string[];
  /**
   * Label outputs whose gold values in the data are not all among the program's labels, or
   * whose labels are not all in the data.
   */
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
  /** The data's distinct values for the field, most frequent first (at most MAX_LABELS). */
  dataLabels: string[];
  /** Values in the data that are not labels (ignoring case), most frequent first (at most 30). */
  unknown: string[];
  /** The program's labels that no example has (ignoring case), in the program's order (at most 30). */
  unused: string[];
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

/** A program (usually a draft being edited) and the data its labels are checked against. */
export type LabelFitRequest = Omit<TaskOverviewRequest, 'config'>;

/** The input and output fields a built-in task's program reads and writes. */
export interface TaskFields {
  taskId: string;
  name: string;
  inputs: string[];
  outputs: string[];
  /** The outputs that answer with a label from a set (their values are kept whole on import). */
  labelOutputs: string[];
}

/** The built-in tasks, and what a task (on its own data or a stored dataset) looks like. */
export interface TasksApi {
  listTasks(): Promise<TaskMetadata[]>;
  /** The task's program, constraints, split sizes and the cost estimate of a run. */
  taskOverview(request: TaskOverviewRequest): Promise<TaskOverview>;
  /**
   * Only the overview's label check: the program's label outputs against the data's values,
   * without the cost estimate (the Program screen asks after each edit).
   */
  labelMismatches(request: LabelFitRequest): Promise<LabelMismatch[]>;
  taskFields(taskId: string): Promise<TaskFields>;
}
