import { describe, expect, it } from 'vitest';
import { makeExample } from '../../../src/core/example';
import { getTask } from '../../../src/tasks/index';
import type { TaskRef } from '../../../src/worker/api';
import { resolveTask, taskRules } from '../../../src/worker/task-resolver';

const lookup = (id: string, seed?: number) => getTask(id, seed);
const builtin = getTask('ticket-routing');

/** The task's program with one more output field of type label. */
function withPriority() {
  const state = builtin.program.toState();
  const step = state.steps[0]!;
  step.signature.outputs.push({
    name: 'priority',
    description: 'How urgent',
    type: 'label',
    labels: ['low', 'high'],
  });
  return state;
}

describe('resolveTask with edited rules', () => {
  it('uses the task’s own metric and constraints when nothing is edited', () => {
    const ref: TaskRef = { kind: 'builtin', taskId: 'ticket-routing' };
    expect(taskRules(ref, lookup)).toEqual({
      metricId: builtin.metricId,
      targetField: builtin.targetField,
      constraints: [...builtin.constraints],
    });
    expect(resolveTask(ref, lookup).constraints).toHaveLength(builtin.constraints.length);
  });

  it('scores the edited target field with the chosen metric and checks the edited constraints', () => {
    const rows = ['a', 'b'].map((id) =>
      makeExample(id, { ticket: 'The app crashes', department: 'technical', priority: 'high' }),
    );
    const ref: TaskRef = {
      kind: 'custom',
      program: withPriority(),
      trainset: rows,
      valset: rows,
      metricId: 'exact_match',
      targetField: 'priority',
      constraints: [{ kind: 'one-of', field: 'priority', values: ['low', 'high'] }],
    };
    const task = resolveTask(ref, lookup);
    expect(task.program.outputFields).toContain('priority');
    expect(task.constraints.map((c) => c.field)).toEqual(['priority']);
    const gold = makeExample('g1', { priority: 'high' });
    expect(task.metric(gold, { priority: 'high' })).toBe(1);
    expect(task.metric(gold, { priority: 'High' })).toBe(0);
    expect(task.constraints[0]!.check('medium', {})).not.toBeNull();
  });

  it('refuses a program whose inputs or scored field the data does not have, and says which', () => {
    // Scoring a new output the built-in data has no gold value for.
    const noGold: TaskRef = {
      kind: 'builtin',
      taskId: 'ticket-routing',
      program: withPriority(),
      targetField: 'priority',
      constraints: [],
    };
    expect(() => resolveTask(noGold, lookup)).toThrow(
      /scores "priority", but the data has no "priority" .*its fields: ticket, department/,
    );
    // A program made for other data (a word problem's "question"), as an import would be.
    const other = getTask('word-problems').program.toState();
    const reading: TaskRef = { kind: 'builtin', taskId: 'ticket-routing', program: other };
    expect(() =>
      resolveTask({ ...reading, targetField: 'answer', constraints: [] }, lookup),
    ).toThrow(
      expect.objectContaining({
        name: 'ProgramStateError',
        message: expect.stringMatching(/reads "question", which the data does not have/),
      }),
    );
  });

  it('refuses a metric on a field the program does not output', () => {
    const ref: TaskRef = { kind: 'builtin', taskId: 'ticket-routing', targetField: 'nowhere' };
    expect(() => resolveTask(ref, lookup)).toThrow(/"nowhere", which is not an output field/);
  });

  it('refuses a constraint on a missing field, an unknown metric and a bad regex', () => {
    const base = { kind: 'builtin' as const, taskId: 'ticket-routing' };
    expect(() =>
      resolveTask({ ...base, constraints: [{ kind: 'json', field: 'ghost' }] }, lookup),
    ).toThrow(expect.objectContaining({ name: 'ProgramStateError' }));
    expect(() =>
      resolveTask({ ...base, metricId: 'nope' as unknown as 'exact_match' }, lookup),
    ).toThrow(expect.objectContaining({ name: 'MetricError' }));
    expect(() =>
      resolveTask(
        {
          ...base,
          constraints: [{ kind: 'regex', field: builtin.targetField, pattern: '([' }],
        },
        lookup,
      ),
    ).toThrow(RangeError);
  });

  it('refuses an edited program with a label field without labels (SignatureError)', () => {
    const program = withPriority();
    const outputs = program.steps[0]!.signature.outputs;
    outputs[outputs.length - 1] = { ...outputs[outputs.length - 1]!, labels: [] };
    expect(() =>
      resolveTask({ kind: 'builtin', taskId: 'ticket-routing', program }, lookup),
    ).toThrow(expect.objectContaining({ name: 'SignatureError' }));
  });
});
