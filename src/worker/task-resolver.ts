import { chatAdapter } from '../core/adapters/chat-adapter';
import { jsonAdapter } from '../core/adapters/json-adapter';
import type { Adapter } from '../core/adapters/adapter';
import { constraintFromSpec, type Constraint } from '../core/constraints';
import type { Example } from '../core/example';
import type { Metric } from '../core/metric';
import { makeMetric } from '../core/metrics';
import { Program } from '../core/program';
import type { BuiltInTask } from '../tasks/task';
import type { AdapterName, TaskRef } from './api';

/** A task ready to run: live program, metric and constraints, and its splits. */
export interface ResolvedTask {
  program: Program;
  metric: Metric;
  constraints: Constraint[];
  splits: { train: Example[]; val: Example[]; test: Example[] };
}

/** Finds built-in tasks by id (src/tasks' getTask in the app; a table in tests). */
export type TaskLookup = (id: string, seed?: number) => BuiltInTask;

/** Turns a plain-data task reference into live objects. */
export function resolveTask(ref: TaskRef, lookup: TaskLookup): ResolvedTask {
  if (ref.kind === 'builtin') {
    const t = lookup(ref.taskId, ref.dataSeed);
    return {
      program: ref.program ? Program.fromState(ref.program) : t.program,
      metric: t.metric,
      constraints: t.constraints.map(constraintFromSpec),
      splits: t.splits,
    };
  }
  return {
    program: Program.fromState(ref.program),
    metric: makeMetric(ref.metricId, ref.targetField),
    constraints: (ref.constraints ?? []).map(constraintFromSpec),
    splits: { train: ref.trainset, val: ref.valset, test: ref.testset ?? [] },
  };
}

export function adapterFor(name: AdapterName | undefined): Adapter {
  return name === 'json' ? jsonAdapter : chatAdapter;
}
