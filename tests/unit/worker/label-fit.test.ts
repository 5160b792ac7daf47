import { describe, expect, it } from 'vitest';
import { makeExample } from '../../../src/core/example';
import { getTask } from '../../../src/tasks/index';
import { labelMismatches } from '../../../src/worker/label-fit';
import { withLabels } from '../../../src/ui/program/label-fit';

const task = getTask('ticket-routing');
const rows = (labels: string[]) =>
  labels.map((department, i) => makeExample(`r${i}`, { ticket: 'text', department }));

describe('labelMismatches', () => {
  it('finds nothing when every gold value is a label, ignoring case as the metric does', () => {
    const program = task.program.toState();
    expect(labelMismatches(program, [...task.splits.train, ...task.splits.val])).toEqual([]);
    expect(labelMismatches(program, rows(['Billing', 'RETURNS']))).toEqual([]);
  });

  it('reports values that are not labels, most frequent first, with how many examples they cost', () => {
    const found = labelMismatches(
      task.program.toState(),
      rows(['positive', 'negative', 'positive', 'billing']),
    );
    expect(found).toEqual([
      {
        field: 'department',
        labels: ['billing', 'technical', 'account', 'shipping', 'returns'],
        dataLabels: ['positive', 'billing', 'negative'],
        unknown: ['positive', 'negative'],
        examples: 3,
        total: 4,
        tooMany: false,
      },
    ]);
  });

  it('says when a field has too many values to be labels', () => {
    const many = rows(Array.from({ length: 40 }, (_, i) => `note ${i}`));
    const [found] = labelMismatches(task.program.toState(), many);
    expect(found).toMatchObject({ tooMany: true, examples: 40, total: 40 });
    expect(found!.dataLabels).toHaveLength(30);
  });
});

describe('withLabels', () => {
  it('replaces the label set and the one-of rules on that field, and nothing else', () => {
    const program = task.program.toState();
    const rules = {
      metricId: task.metricId,
      targetField: task.targetField,
      constraints: [
        ...task.constraints,
        { kind: 'max-length' as const, field: 'department', maxChars: 20 },
      ],
    };
    const next = withLabels(program, rules, 'department', ['positive', 'negative']);
    expect(next.program.steps[0]!.signature.outputs[0]!.labels).toEqual(['positive', 'negative']);
    expect(next.rules.constraints).toEqual([
      ...task.constraints.map((c) => ({ ...c, values: ['positive', 'negative'] })),
      { kind: 'max-length', field: 'department', maxChars: 20 },
    ]);
    // The inputs are copies: the task's own program is unchanged.
    expect(program.steps[0]!.signature.outputs[0]!.labels).toHaveLength(5);
    expect(labelMismatches(next.program, rows(['positive', 'negative']))).toEqual([]);
  });
});
