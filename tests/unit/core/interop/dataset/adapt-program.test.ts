import { describe, expect, it } from 'vitest';
import { makeExample } from '../../../../../src/core/example';
import {
  adaptProgramToData,
  withLabels,
  distinctValues,
  fieldNamesFromColumns,
  renameExampleFields,
} from '../../../../../src/core/interop/dataset/adapt-program';
import { getTask } from '../../../../../src/tasks/index';

const router = getTask('ticket-routing');
const rules = {
  metricId: router.metricId,
  targetField: router.targetField,
  constraints: [...router.constraints],
};

describe('fieldNamesFromColumns', () => {
  it('turns column names into valid, unique field names', () => {
    expect(
      fieldNamesFromColumns({ a: 'review text', b: '2nd opinion', c: 'review-text', d: '%%' }),
    ).toEqual({ a: 'review_text', b: 'f_2nd_opinion', c: 'review_text_2', d: 'd' });
  });
});

describe('adaptProgramToData', () => {
  const reviews = ['positive', 'negative', 'positive', 'positive'].map((sentiment, i) =>
    makeExample(`r${i}`, { review: `review ${i}`, sentiment }),
  );

  it('renames the fields, takes the data’s labels, writes DSPy’s default instruction and follows with the rules', () => {
    const { program, rules: adapted } = adaptProgramToData(
      router.program.toState(),
      rules,
      { ticket: 'review', department: 'sentiment' },
      reviews,
    );
    const sig = program.steps[0]!.signature;
    expect(sig.inputs).toEqual([{ name: 'review', description: '', type: 'text' }]);
    expect(sig.outputs).toEqual([
      expect.objectContaining({
        name: 'sentiment',
        type: 'label',
        labels: ['positive', 'negative'],
      }),
    ]);
    expect(sig.instruction).toBe('Given the fields `review`, produce the fields `sentiment`.');
    expect(adapted.targetField).toBe('sentiment');
    expect(adapted.metricId).toBe(router.metricId);
    expect(adapted.constraints).toEqual(
      router.constraints.map((c) => ({
        ...c,
        field: 'sentiment',
        values: ['positive', 'negative'],
      })),
    );
  });

  it('makes a field with too many values text and drops the one-of rule on it', () => {
    const notes = Array.from({ length: 40 }, (_, i) =>
      makeExample(`n${i}`, { note: `n${i}`, summary: `summary ${i}` }),
    );
    const { program, rules: adapted } = adaptProgramToData(
      router.program.toState(),
      rules,
      { ticket: 'note', department: 'summary' },
      notes,
    );
    expect(program.steps[0]!.signature.outputs[0]).toMatchObject({ name: 'summary', type: 'text' });
    expect(program.steps[0]!.signature.outputs[0]).not.toHaveProperty('labels');
    expect(adapted.constraints.filter((c) => c.kind === 'one-of')).toEqual([]);
  });

  it('says so when a field becomes text, and keeps hundreds of labels as labels', () => {
    const notes = Array.from({ length: 40 }, (_, i) =>
      makeExample(`n${i}`, { note: `n${i}`, summary: `summary ${i}` }),
    );
    const asText = adaptProgramToData(
      router.program.toState(),
      rules,
      { ticket: 'note', department: 'summary' },
      notes,
    );
    expect(asText.notices.join(' ')).toMatch(/“summary” has 40 different values .* text field/);

    const intents = Array.from({ length: 300 * 3 }, (_, i) =>
      makeExample(`i${i}`, { utterance: `u${i}`, intent: `intent_${i % 300}` }),
    );
    const {
      program,
      rules: adapted,
      notices,
    } = adaptProgramToData(
      router.program.toState(),
      rules,
      { ticket: 'utterance', department: 'intent' },
      intents,
      'Intents of a bank',
    );
    expect(notices).toEqual([]);
    expect(program.description).toBe('Intents of a bank');
    const output = program.steps[0]!.signature.outputs[0]!;
    expect(output.type).toBe('label');
    expect(output.labels).toHaveLength(300);
    const oneOf = adapted.constraints.find((c) => c.kind === 'one-of');
    expect(oneOf && 'values' in oneOf ? oneOf.values : []).toHaveLength(300);
    expect(program.steps[0]!.signature.instruction).not.toMatch(/department|ticket/i);
  });
});

describe('renameExampleFields and distinctValues', () => {
  it('renames keys only, and counts values most frequent first', () => {
    const renamed = renameExampleFields([makeExample('x', { ticket: 'a', other: 1 })], {
      ticket: 'review',
    });
    expect(renamed).toEqual([{ id: 'x', data: { review: 'a', other: 1 } }]);
    const values = distinctValues(
      ['b', 'a', 'b', ' a ', 'c'].map((v, i) => makeExample(`${i}`, { f: v })),
      'f',
    );
    expect(values).toEqual([
      { value: 'a', count: 2 },
      { value: 'b', count: 2 },
      { value: 'c', count: 1 },
    ]);
  });
});

describe('withLabels', () => {
  it('replaces the label set and the one-of rules on that field, and nothing else', () => {
    const program = router.program.toState();
    const rules = {
      metricId: router.metricId,
      targetField: router.targetField,
      constraints: [
        ...router.constraints,
        { kind: 'max-length' as const, field: 'department', maxChars: 20 },
      ],
    };
    const next = withLabels(program, rules, 'department', ['positive', 'negative']);
    expect(next.program.steps[0]!.signature.outputs[0]!.labels).toEqual(['positive', 'negative']);
    expect(next.rules.constraints).toEqual([
      ...router.constraints.map((c) => ({ ...c, values: ['positive', 'negative'] })),
      { kind: 'max-length', field: 'department', maxChars: 20 },
    ]);
    // The inputs are copies: the task's own program is unchanged.
    expect(program.steps[0]!.signature.outputs[0]!.labels).toHaveLength(5);
  });
});
