import type { DatasetRecord } from '../storage/datasets';
import type { BuiltInTask } from '../tasks/task';
import type { TaskRef } from './api';
import { WorkerStateError } from './worker-errors';

type BuiltInRef = Extract<TaskRef, { kind: 'builtin' }>;

/** The reference itself when it is a built-in task's: only those can run on a stored dataset. */
export function builtInRefForDataset(ref: TaskRef): BuiltInRef {
  if (ref.kind !== 'builtin')
    throw new WorkerStateError('A stored dataset can only be used with a built-in task.');
  return ref;
}

/**
 * A built-in task's reference moved onto a stored dataset's splits. The program and rules are
 * the user's edits when there are any, else those the dataset was adapted with at import (its
 * own field names), else the task's own.
 */
export function refOnDataset(ref: BuiltInRef, data: DatasetRecord, task: BuiltInTask): TaskRef {
  const own = data.program && data.rules ? { program: data.program, rules: data.rules } : null;
  return {
    kind: 'custom',
    program: ref.program ?? own?.program ?? task.program.toState(),
    trainset: data.splits.train,
    valset: data.splits.val,
    testset: data.splits.test,
    metricId: ref.metricId ?? own?.rules.metricId ?? task.metricId,
    targetField: ref.targetField ?? own?.rules.targetField ?? task.targetField,
    constraints: [...(ref.constraints ?? own?.rules.constraints ?? task.constraints)],
  };
}
