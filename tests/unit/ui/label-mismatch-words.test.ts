import { describe, expect, it } from 'vitest';
import type { LabelMismatch } from '../../../src/worker/api';
import { labelMismatchWords } from '../../../src/ui/lib/label-mismatch-words';

function mismatch(over: Partial<LabelMismatch>): LabelMismatch {
  return {
    field: 'department',
    labels: ['billing', 'technical'],
    dataLabels: ['billing', 'technical'],
    unknown: [],
    unused: [],
    examples: 0,
    total: 10,
    tooMany: false,
    fix: null,
    ...over,
  };
}

describe('labelMismatchWords', () => {
  it('names the data values the program cannot answer, and how many examples they cost', () => {
    const { problems } = labelMismatchWords(
      mismatch({ unknown: ['positive', 'negative'], examples: 7 }),
    );
    expect(problems).toEqual([
      "7 of 10 examples have a “department” the program cannot answer: the data uses positive, negative, but the program's labels are billing, technical.",
    ]);
  });

  it('names the program labels no example has, in the singular for one', () => {
    expect(labelMismatchWords(mismatch({ unused: ['returns'] })).problems).toEqual([
      "The program's label returns for “department” is in no example of the data: an answer with it is never right.",
    ]);
    expect(labelMismatchWords(mismatch({ unused: ['returns', 'account'] })).problems[0]).toContain(
      'labels returns, account for “department” are in no example',
    );
  });

  it('says both kinds when both happen, naming at most five labels of each', () => {
    const many = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
    const { problems, advice } = labelMismatchWords(
      mismatch({ unknown: many, unused: many, examples: 9 }),
    );
    expect(problems).toHaveLength(2);
    for (const p of problems) expect(p).toContain('a, b, c, d, e and 2 more');
    expect(advice).toMatch(
      /Edit the labels of “department” on the Program screen.*use the data's labels/,
    );
  });
});
