import { pickFields } from '../core/example';
import { METRICS } from '../core/metrics';
import { estimateCopaCycles } from '../core/optimizers/cost-estimate';
import type { CopaConfig } from '../core/optimizers/copa-config';
import { measurePromptSize } from '../core/optimizers/prompt-size';
import type { LabelMismatch, TaskOverview, TaskRef } from './api';
import type { ScoringRules } from '../core/scoring-rules';
import type { ProgramState } from '../core/program';
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
    labelMismatches: mismatchesOn(program, { metricId, targetField, constraints }, task.splits),
    metricId,
    targetField,
    metrics: METRICS.map(({ id, name, description }) => ({ id, name, description })),
  };
}

/** The overview's label check alone, for a draft checked after each edit: no cost estimate. */
export function taskLabelMismatches(ref: TaskRef, tasks: TaskLookup): LabelMismatch[] {
  const task = resolveTask(ref, tasks);
  return mismatchesOn(task.program.toState(), taskRules(ref, tasks), task.splits);
}

/** Labels against the gold values of every split (a label only the test set has counts too). */
function mismatchesOn(
  program: ProgramState,
  rules: ScoringRules,
  splits: ReturnType<typeof resolveTask>['splits'],
): LabelMismatch[] {
  return labelMismatches(program, rules, [...splits.train, ...splits.val, ...splits.test]);
}
