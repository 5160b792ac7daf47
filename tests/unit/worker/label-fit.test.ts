import { describe, expect, it } from 'vitest';
import { makeExample } from '../../../src/core/example';
import { getTask } from '../../../src/tasks/index';
import { withLabels } from '../../../src/core/interop/dataset/adapt-program';
import { labelMismatches } from '../../../src/worker/label-fit';

const task = getTask('ticket-routing');
const taskRules = {
  metricId: task.metricId,
  targetField: task.targetField,
  constraints: [...task.constraints],
};
const rows = (labels: string[]) =>
  labels.map((department, i) => makeExample(`r${i}`, { ticket: 'text', department }));

describe('labelMismatches', () => {
  it('finds nothing when every gold value is a label, ignoring case as the metric does', () => {
    const program = task.program.toState();
    expect(labelMismatches(program, taskRules, [...task.splits.train, ...task.splits.val])).toEqual(
      [],
    );
    expect(
      labelMismatches(
        program,
        taskRules,
        rows(['Billing', 'RETURNS', 'technical', 'Account', 'SHIPPING']),
      ),
    ).toEqual([]);
  });

  it('reports values that are not labels, most frequent first, with how many examples they cost', () => {
    const found = labelMismatches(
      task.program.toState(),
      taskRules,
      rows(['positive', 'negative', 'positive', 'billing']),
    );
    expect(found).toEqual([
      {
        field: 'department',
        labels: ['billing', 'technical', 'account', 'shipping', 'returns'],
        dataLabels: ['positive', 'billing', 'negative'],
        unknown: ['positive', 'negative'],
        unused: ['technical', 'account', 'shipping', 'returns'],
        examples: 3,
        total: 4,
        tooMany: false,
        fix: withLabels(task.program.toState(), taskRules, 'department', [
          'positive',
          'billing',
          'negative',
        ]),
      },
    ]);
  });

  it('reports labels of the program that no example has, though every gold value is a label', () => {
    const [found] = labelMismatches(
      task.program.toState(),
      taskRules,
      rows(['billing', 'Technical', 'billing']),
    );
    expect(found).toMatchObject({
      field: 'department',
      unknown: [],
      unused: ['account', 'shipping', 'returns'],
      examples: 0,
      total: 3,
    });
    // The data's labels are the fix, as for values the program lacks.
    expect(found!.fix?.program.steps[0]?.signature.outputs[0]?.labels).toEqual([
      'billing',
      'Technical',
    ]);
  });

  it('leaves a field the data does not have to the field check (no label is "unused" then)', () => {
    const noGold = [makeExample('r0', { ticket: 'text' })];
    expect(labelMismatches(task.program.toState(), taskRules, noGold)).toEqual([]);
  });

  it('says when a field has too many values to be labels', () => {
    const many = rows(Array.from({ length: 40 }, (_, i) => `note ${i}`));
    const [found] = labelMismatches(task.program.toState(), taskRules, many);
    expect(found).toMatchObject({ tooMany: true, examples: 40, total: 40, fix: null });
    expect(found!.dataLabels).toHaveLength(40);
  });

  it('offers all of a many-label set (77 intents, each three times) as the fix', () => {
    const intents = rows(Array.from({ length: 77 * 3 }, (_, i) => `intent_${i % 77}`));
    const [found] = labelMismatches(task.program.toState(), taskRules, intents);
    expect(found).toMatchObject({ tooMany: false, examples: 231, total: 231 });
    expect(found!.dataLabels).toHaveLength(77);
    const output = found!.fix?.program.steps[0]?.signature.outputs[0];
    expect(output?.labels).toHaveLength(77);
  });
});
