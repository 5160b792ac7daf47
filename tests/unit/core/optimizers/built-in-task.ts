import { constraintFromSpec } from '../../../../src/core/constraints';
import type { CopaTask } from '../../../../src/core/optimizers/copa';
import { getTask } from '../../../../src/tasks/index';

/** A built-in task (default data seed unless given) as COPA takes it, with its data splits. */
export function builtInCopaTask(id: string, seed?: number) {
  const task = getTask(id, seed);
  const copaTask: CopaTask = {
    program: task.program,
    trainset: task.splits.train,
    valset: task.splits.val,
    metric: task.metric,
    constraints: task.constraints.map(constraintFromSpec),
  };
  return { task, copaTask };
}
