import { chatAdapter } from '../core/adapters/chat-adapter';
import { jsonAdapter } from '../core/adapters/json-adapter';
import type { Adapter } from '../core/adapters/adapter';
import { constraintFromSpec, type Constraint } from '../core/constraints';
import { ProgramStateError } from '../core/errors';
import type { Example } from '../core/example';
import type { Metric } from '../core/metric';
import { makeMetric } from '../core/metrics';
import { Program } from '../core/program';
import type { ScoringRules } from '../core/scoring-rules';
import type { BuiltInTask } from '../tasks/task';
import type { AdapterName, TaskFields, TaskRef } from './api';

/** A task ready to run: live program, metric and constraints, and its splits. */
export interface ResolvedTask {
  program: Program;
  metric: Metric;
  constraints: Constraint[];
  splits: { train: Example[]; val: Example[]; test: Example[] };
}

/** Finds built-in tasks by id (src/tasks' getTask in the app; a table in tests). */
export type TaskLookup = (id: string, seed?: number) => BuiltInTask;

/** The metric, scored field and constraints a reference uses (edited ones over the task's own). */
export function taskRules(ref: TaskRef, lookup: TaskLookup): ScoringRules {
  if (ref.kind === 'custom')
    return {
      metricId: ref.metricId,
      targetField: ref.targetField,
      constraints: [...(ref.constraints ?? [])],
    };
  const t = lookup(ref.taskId, ref.dataSeed);
  return {
    metricId: ref.metricId ?? t.metricId,
    targetField: ref.targetField ?? t.targetField,
    constraints: [...(ref.constraints ?? t.constraints)],
  };
}

/** The input and output fields a built-in task's program reads and writes. */
export function taskFields(lookup: TaskLookup, taskId: string): TaskFields {
  const task = lookup(taskId);
  return {
    taskId,
    name: task.name,
    inputs: task.program.inputFields,
    outputs: task.program.outputFields,
    labelOutputs: task.program
      .toState()
      .steps.flatMap((s) => s.signature.outputs.filter((f) => f.type === 'label'))
      .map((f) => f.name),
  };
}

/** The train, validation and test examples a reference names. */
export function taskSplits(ref: TaskRef, lookup: TaskLookup): ResolvedTask['splits'] {
  return ref.kind === 'builtin'
    ? lookup(ref.taskId, ref.dataSeed).splits
    : { train: ref.trainset, val: ref.valset, test: ref.testset ?? [] };
}

/** Turns a plain-data task reference into live objects. */
export function resolveTask(ref: TaskRef, lookup: TaskLookup): ResolvedTask {
  if (ref.kind === 'builtin') {
    const t = lookup(ref.taskId, ref.dataSeed);
    const program = ref.program ? Program.fromState(ref.program) : t.program;
    const edited = ref.program || ref.metricId || ref.targetField || ref.constraints;
    const rules = taskRules(ref, lookup);
    if (edited) {
      checkRules(program, rules);
      checkDataFields(program, rules, t.splits);
    }
    return {
      program,
      metric:
        ref.metricId || ref.targetField ? makeMetric(rules.metricId, rules.targetField) : t.metric,
      constraints: rules.constraints.map(constraintFromSpec),
      splits: t.splits,
    };
  }
  const program = Program.fromState(ref.program);
  const rules = taskRules(ref, lookup);
  checkRules(program, rules);
  const splits = taskSplits(ref, lookup);
  checkDataFields(program, rules, splits);
  return {
    program,
    metric: makeMetric(ref.metricId, ref.targetField),
    constraints: (ref.constraints ?? []).map(constraintFromSpec),
    splits,
  };
}

/** The scored field and every constrained field must be outputs of the program. */
function checkRules(program: Program, rules: ScoringRules): void {
  const outputs = new Set(program.outputFields);
  const named = [...outputs].join(', ');
  if (!outputs.has(rules.targetField))
    throw new ProgramStateError(
      `The metric scores "${rules.targetField}", which is not an output field (outputs: ${named}).`,
    );
  for (const c of rules.constraints)
    if (!outputs.has(c.field))
      throw new ProgramStateError(
        `A ${c.kind} rule is on "${c.field}", which is not an output field (outputs: ${named}).`,
      );
}

/** The field names of a task's examples (the first of each split: a dataset's rows share them). */
export function dataFieldsOf(splits: ResolvedTask['splits']): string[] {
  const names = new Set<string>();
  for (const split of [splits.train, splits.val, splits.test])
    for (const name of Object.keys(split[0]?.data ?? {})) names.add(name);
  return [...names];
}

/**
 * The data must hold every input the program reads from it and the gold value the metric
 * scores: a program imported or edited for other data would otherwise run on empty inputs.
 */
function checkDataFields(
  program: Program,
  rules: ScoringRules,
  splits: ResolvedTask['splits'],
): void {
  const fields = dataFieldsOf(splits);
  if (fields.length === 0) return;
  const have = new Set(fields);
  const listed = fields.join(', ');
  const missing = program.inputFields.filter((f) => !have.has(f));
  if (missing.length > 0)
    throw new ProgramStateError(
      `The program reads ${missing.map((f) => `"${f}"`).join(', ')}, which the data does not have (its fields: ${listed}). Rename the program's input fields on the Program screen to match, or use data with these fields.`,
    );
  if (!have.has(rules.targetField))
    throw new ProgramStateError(
      `The metric scores "${rules.targetField}", but the data has no "${rules.targetField}" to compare with (its fields: ${listed}). Choose another field to score, or use data that has it.`,
    );
}

export function adapterFor(name: AdapterName | undefined): Adapter {
  return name === 'json' ? jsonAdapter : chatAdapter;
}
