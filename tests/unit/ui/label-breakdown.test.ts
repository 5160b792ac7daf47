import { describe, expect, it } from 'vitest';
import type { EvaluatedExample, EvaluateSummary } from '../../../src/worker/api';
import { labelBreakdown, labelFieldOf, NO_ANSWER } from '../../../src/ui/lib/label-breakdown';
import type { ProgramState } from '../../../src/core/program';
import { comparedRows, filterRows } from '../../../src/ui/lib/compared-rows';

function example(id: string, gold: string, answer: string | null): EvaluatedExample {
  return {
    exampleId: id,
    score: answer === gold ? 1 : 0,
    prediction: answer === null ? null : { intent: answer },
    error: answer === null ? 'unreadable' : null,
    inputs: { text: id },
    gold: { intent: gold },
  };
}

function summary(results: EvaluatedExample[]): EvaluateSummary {
  return {
    score: results.reduce((a, r) => a + r.score, 0) / results.length,
    total: results.length,
    evaluated: results.length,
    stoppedReason: 'completed',
    parseFailures: 0,
    constraintViolations: 0,
    errors: 0,
    results,
  };
}

describe('scores by label', () => {
  const baseline = summary([
    example('1', 'billing', 'billing'),
    example('2', 'billing', 'account'),
    example('3', 'refund', 'billing'),
    example('4', 'refund', 'billing'),
    example('5', 'refund', null),
    example('6', 'travel', 'travel'),
  ]);
  const optimized = summary([
    example('1', 'billing', 'billing'),
    example('2', 'billing', 'billing'),
    example('3', 'refund', 'refund'),
    example('4', 'refund', 'billing'),
    example('5', 'refund', null),
    example('6', 'travel', 'account'),
  ]);

  it('scores each gold label for both programs, the weakest first', () => {
    const rows = labelBreakdown(baseline, optimized, 'intent');
    expect(rows.map((r) => [r.label, r.examples, r.baseline, r.optimized])).toEqual([
      ['travel', 1, 1, 0],
      ['refund', 3, 0, 1 / 3],
      ['billing', 2, 0.5, 1],
    ]);
  });

  it("names the optimized program's most frequent wrong answer, and answers it could not give", () => {
    const rows = labelBreakdown(baseline, optimized, 'intent');
    expect(rows.find((r) => r.label === 'travel')?.mistakenFor).toEqual({
      answer: 'account',
      count: 1,
    });
    expect(rows.find((r) => r.label === 'billing')?.mistakenFor).toBeNull();
    const base = labelBreakdown(baseline, null, 'intent');
    expect(base.find((r) => r.label === 'refund')).toMatchObject({
      optimized: null,
      mistakenFor: { answer: 'billing', count: 2 },
    });
    const unreadable = labelBreakdown(
      summary([example('9', 'refund', null), example('8', 'refund', 'refund')]),
      null,
      'intent',
    );
    expect(unreadable[0]?.mistakenFor).toEqual({ answer: NO_ANSWER, count: 1 });
  });

  it('groups only by a label output the metric scores', () => {
    const program = {
      version: 1,
      description: '',
      steps: [
        {
          name: 'classify',
          demos: [],
          chainOfThought: false,
          signature: {
            instruction: '',
            inputs: [{ name: 'text', description: '', type: 'text' }],
            outputs: [
              { name: 'intent', description: '', type: 'label', labels: ['billing', 'refund'] },
              { name: 'note', description: '', type: 'text' },
            ],
          },
        },
      ],
    } satisfies ProgramState;
    expect(labelFieldOf(program, 'intent')).toBe('intent');
    expect(labelFieldOf(program, 'note')).toBeNull();
    expect(labelFieldOf(program, null)).toBeNull();
    expect(labelFieldOf(null, 'intent')).toBeNull();
  });

  it("lists one label's examples, alone or with another filter", () => {
    const rows = comparedRows(baseline, optimized);
    const ids = (filter: Parameters<typeof filterRows>[1], label: string | null) =>
      filterRows(rows, filter, label === null ? null : { field: 'intent', label }).map(
        (r) => r.exampleId,
      );
    expect(ids('all', 'refund')).toEqual(['3', '4', '5']);
    // Wrong by either program, as the filter is without a label.
    expect(ids('wrong', 'billing')).toEqual(['2']);
    expect(ids('changed', 'refund')).toEqual(['3']);
    expect(ids('all', 'no such label')).toEqual([]);
    expect(ids('all', null)).toHaveLength(6);
  });
});
