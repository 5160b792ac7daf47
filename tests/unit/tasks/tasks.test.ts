import { describe, expect, it } from 'vitest';
import { constraintFromSpec } from '../../../src/core/constraints';
import type { Example } from '../../../src/core/example';
import { BUILT_IN_TASKS, buildTask, getTask } from '../../../src/tasks/index';
import { BUILT_IN_TASK_METADATA } from '../../../src/tasks/metadata';
import { TICKET_LABELS } from '../../../src/tasks/ticket-routing';

const all = (t: { splits: { train: Example[]; val: Example[]; test: Example[] } }): Example[] => [
  ...t.splits.train,
  ...t.splits.val,
  ...t.splits.test,
];

describe('built-in tasks', () => {
  it('include a classification, a normalization and an arithmetic task', () => {
    expect(BUILT_IN_TASKS.map((t) => t.id)).toEqual([
      'ticket-routing',
      'date-normalization',
      'word-problems',
    ]);
  });

  it('metadata matches the tasks and carries no data', () => {
    expect(BUILT_IN_TASK_METADATA.map((m) => m.id)).toEqual(BUILT_IN_TASKS.map((t) => t.id));
    for (const meta of BUILT_IN_TASK_METADATA) {
      const task = getTask(meta.id);
      expect(meta).not.toHaveProperty('splits');
      expect(task.splits.train).toHaveLength(meta.sizes.train);
      expect(task.splits.val).toHaveLength(meta.sizes.val);
      expect(task.splits.test).toHaveLength(meta.sizes.test);
      expect(task.program.outputFields).toContain(meta.targetField);
    }
  });

  it('rejects an unknown task id with the known ones in the message', () => {
    expect(() => getTask('nope')).toThrow(/ticket-routing/);
  });

  for (const task of BUILT_IN_TASKS) {
    describe(task.id, () => {
      it('is the same for the same seed and different for another seed', () => {
        // Built twice from scratch (not the remembered copy), the data is the same.
        const first = buildTask(task.id, 42);
        const again = buildTask(task.id, 42);
        expect(again).not.toBe(first);
        expect(all(again)).toEqual(all(first));
        const other = all(buildTask(task.id, 43)).map((e) => JSON.stringify(e.data));
        expect(other).not.toEqual(all(first).map((e) => JSON.stringify(e.data)));
        expect(getTask(task.id, 42)).toBe(getTask(task.id, 42)); // remembered
      });

      it('has disjoint splits (no input in two splits) and unique, stable ids', () => {
        const inputs = task.program.inputFields;
        const key = (e: Example): string => inputs.map((f) => String(e.data[f])).join('\u0000');
        const seen = new Set(all(task).map(key));
        expect(seen.size).toBe(all(task).length);
        const ids = all(task).map((e) => e.id);
        expect(new Set(ids).size).toBe(ids.length);
        expect(task.splits.train[0]!.id).toBe(`${task.id}-train-001`);
        expect(task.splits.test[99]!.id).toBe(`${task.id}-test-100`);
      });

      it('has gold values that satisfy its own constraints and score 1 on its metric', () => {
        const constraints = task.constraints.map(constraintFromSpec);
        for (const e of all(task)) {
          for (const c of constraints) expect(c.check(e.data[c.field], e.data)).toBeNull();
          const prediction = Object.fromEntries(
            task.program.outputFields.map((f) => [f, e.data[f]!]),
          );
          expect(task.metric(e, prediction)).toBe(1);
        }
      });

      it('scores a wrong answer 0', () => {
        const e = task.splits.val[0]!;
        expect(task.metric(e, { [task.targetField]: 'definitely wrong' })).toBe(0);
      });

      it('has every input of its program in every example', () => {
        for (const e of all(task))
          for (const f of task.program.inputFields) expect(typeof e.data[f]).toBe('string');
      });
    });
  }

  it('ticket routing uses every department in every split', () => {
    const t = getTask('ticket-routing');
    for (const split of [t.splits.train, t.splits.val, t.splits.test])
      expect(new Set(split.map((e) => e.data.department))).toEqual(new Set(TICKET_LABELS));
  });

  it('date normalization has ambiguous day-first dates and two-digit years (the rules matter)', () => {
    const t = getTask('date-normalization');
    const examples = all(t);
    const ambiguous = examples.filter((e) => {
      const m = /\b(\d{1,2})[/.](\d{1,2})[/.]\d{2,4}\b/.exec(String(e.data.text));
      return m !== null && Number(m[1]) <= 12 && Number(m[2]) <= 12 && m[1] !== m[2];
    });
    const twoDigit = examples.filter(
      (e) => /\/\d{2}\b(?!\/)/.test(String(e.data.text)) && /^19/.test(String(e.data.date)),
    );
    expect(ambiguous.length).toBeGreaterThan(examples.length * 0.15);
    expect(twoDigit.length).toBeGreaterThan(examples.length * 0.1);
  });

  it('word problems have integer answers and include two-step problems', () => {
    const t = getTask('word-problems');
    expect(all(t).every((e) => Number.isInteger(e.data.answer))).toBe(true);
    expect(all(t).some((e) => /already had/.test(String(e.data.question)))).toBe(true);
  });
});
