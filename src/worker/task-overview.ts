import { pickFields } from '../core/example';
import { METRICS } from '../core/metrics';
import { estimateCopaCycles } from '../core/optimizers/cost-estimate';
import type { CopaConfig } from '../core/optimizers/copa-config';
import { measurePromptSize } from '../core/optimizers/prompt-size';
import type { TaskOverview, TaskRef } from './api';
import { labelMismatches } from './label-fit';
import { checkRunSettings } from './schemas/run-settings';
import { adapterFor, dataFieldsOf, resolveTask, taskRules, type TaskLookup } from './task-resolver';

/** What the page shows about a task before a run (see TaskOverview). */
export function taskOverview(
  ref: TaskRef,
  tasks: TaskLookup,
  config: Partial<CopaConfig> | undefined,
): TaskOverview {
  const settings = checkRunSettings(config);
  const task = resolveTask(ref, tasks);
  const { metricId, targetField, constraints } = taskRules(ref, tasks);
  const { train, val, test } = task.splits;
  const program = task.program.toState();
  // Token sizes from prompts formatted as a run formats them (the chat adapter, a run's default).
  const cost = estimateCopaCycles(
    {
      program: task.program,
      trainset: train,
      valset: val,
      promptSize: measurePromptSize(task.program, adapterFor(undefined), train),
      metric: task.metric,
    },
    settings,
  );
  return {
    program,
    constraints,
    sizes: { train: train.length, val: val.length, test: test.length },
    estimate: cost.total,
    ...(cost.firstCycle ? { firstCycleEstimate: cost.firstCycle } : {}),
    sampleInputs: (test.length > 0 ? test : val)
      .slice(0, 5)
      .map((e) => pickFields(e.data, task.program.inputFields)),
    dataFields: dataFieldsOf({ train, val, test }),
    labelMismatches: labelMismatches(program, { metricId, targetField, constraints }, [
      ...train,
      ...val,
      ...test,
    ]),
    metricId,
    targetField,
    metrics: METRICS.map(({ id, name, description }) => ({ id, name, description })),
  };
}
