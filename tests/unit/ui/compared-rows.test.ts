import { describe, expect, it } from 'vitest';
import type { EvaluatedExample, EvaluateSummary } from '../../../src/worker/api';
import { comparedRows, fieldLines } from '../../../src/ui/lib/compared-rows';

describe('fieldLines', () => {
  it('keeps each field apart from its value, so the value can keep its own direction', () => {
    expect(fieldLines({ ticket: 'مرحبا order', priority: 2, tags: ['a', 'b'] })).toEqual([
      { name: 'ticket', text: 'مرحبا order' },
      { name: 'priority', text: '2' },
      { name: 'tags', text: '["a","b"]' },
    ]);
  });

  it('shows a bare value without a name, and nothing for a missing answer', () => {
    expect(fieldLines('👩‍👩‍👧‍👦 family')).toEqual([{ name: null, text: '👩‍👩‍👧‍👦 family' }]);
    expect(fieldLines(null)).toEqual([]);
    expect(fieldLines(undefined)).toEqual([]);
  });
});

describe('comparedRows', () => {
  const answer = (id: string, intent: string): EvaluatedExample => ({
    exampleId: id,
    score: 1,
    prediction: { intent },
    error: null,
    inputs: { text: `ticket ${id}` },
    gold: { intent },
  });
  const summary = (results: EvaluatedExample[]): EvaluateSummary => ({
    score: 1,
    total: results.length,
    evaluated: results.length,
    stoppedReason: 'completed',
    parseFailures: 0,
    constraintViolations: 0,
    errors: 0,
    results,
  });

  it("keeps a row's lines when the optimized answers come in, so its built cells stay as they are", () => {
    const baseline = summary([answer('1', 'refund'), answer('2', 'billing')]);
    const before = comparedRows(baseline, null);
    const after = comparedRows(baseline, summary([answer('1', 'refund')]));
    expect(after.map((r) => r.inputs)).toEqual(before.map((r) => r.inputs));
    after.forEach((row, i) => {
      expect(row.inputs).toBe(before[i]?.inputs);
      expect(row.gold).toBe(before[i]?.gold);
    });
    expect(fieldLines(after[0]?.optimized?.prediction)).toEqual([
      { name: 'intent', text: 'refund' },
    ]);
  });
});
