import type { LanguageModel } from '../../../../src/core/lm';
import type { Constraint } from '../../../../src/core/constraints';
import { OptimizerSession, type OptimizerTask } from '../../../../src/core/optimizers/session';
import type { RunEvent } from '../../../../src/core/optimizers/events';
import type { Budget } from '../../../../src/core/usage';
import { kvAdapter } from '../../helpers/kv-adapter';
import { exactMatch, toyProgram } from './toy-task';
import type { Example } from '../../../../src/core/example';

export function toyTask(
  trainset: Example[],
  valset: Example[],
  extra: { program?: OptimizerTask['program']; constraints?: Constraint[] } = {},
): OptimizerTask {
  return {
    program: extra.program ?? toyProgram(),
    trainset,
    valset,
    metric: exactMatch,
    ...(extra.constraints ? { constraints: extra.constraints } : {}),
  };
}

export function makeSession(
  task: OptimizerTask,
  lm: LanguageModel,
  opts: { budget?: Budget; events?: RunEvent[] } = {},
): OptimizerSession {
  return new OptimizerSession(
    task,
    { lm, adapter: kvAdapter, onEvent: (e) => opts.events?.push(e) },
    { budget: opts.budget ?? {}, maxRetries: 2 },
  );
}
