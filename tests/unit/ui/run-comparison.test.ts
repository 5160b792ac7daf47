import { describe, expect, it } from 'vitest';
import { comparisonRows, elapsedWords, instructionPairs } from '../../../src/ui/lib/run-comparison';
import { phase, report } from './run-report-fixture';

const row = (rows: ReturnType<typeof comparisonRows>, label: string) =>
  rows.find((r) => r.label === label);

describe('comparisonRows', () => {
  it('marks nothing as differing for two runs alike', () => {
    const rows = comparisonRows(report(), report());
    expect(rows.filter((r) => r.differs)).toEqual([]);
    expect(row(rows, 'Model')?.a).toBe('Stand-in model');
  });

  it('marks the settings, cost and scores that differ, with each run its own value', () => {
    const a = report();
    const b = report({
      settings: { ...a.settings, seed: 9, cycles: 2, startWith: 'prompt' },
      totals: { ...a.totals, calls: 1234 },
      bestScore: 0.7,
      phases: [phase(0, true), phase(1, false)],
    });
    const rows = comparisonRows(a, b);
    expect(rows.filter((r) => r.differs).map((r) => r.label)).toEqual([
      'Seed',
      'Cycles',
      'Starts with',
      'Model calls',
      'Validation, final program',
      'Phases accepted',
    ]);
    expect(row(rows, 'Seed')).toMatchObject({ a: '3', b: '9' });
    expect(row(rows, 'Starts with')).toMatchObject({ a: 'demos', b: 'instruction' });
    expect(row(rows, 'Model calls')?.b).toBe('1,234 (5 more from the cache)');
    expect(row(rows, 'Validation, final program')).toMatchObject({ a: '55.0%', b: '70.0%' });
    expect(row(rows, 'Phases accepted')).toMatchObject({ a: '1 of 1', b: '1 of 2' });
  });

  it('shows test scores when a run kept an evaluation, and says when it has none', () => {
    const evaluated = report({
      evaluation: {
        baseline: 0.5,
        optimized: 0.75,
        examples: 20,
        evaluatedAt: '2026-11-29T11:00:00.000Z',
      },
    });
    const rows = comparisonRows(evaluated, report());
    expect(row(rows, 'Test, start program')).toEqual({
      label: 'Test, start program',
      a: '50.0% (on 20 examples)',
      b: 'not evaluated',
      differs: true,
    });
    expect(row(rows, 'Test, final program')?.a).toBe('75.0% (on 20 examples)');
  });

  it('says the budget, the metric and a start program scored on part of the set', () => {
    const a = report({ baselineExamples: 12, metricId: 'label_match' });
    const b = report({ settings: { ...a.settings, budget: {} } });
    const rows = comparisonRows(a, b);
    expect(row(rows, 'Budget')).toMatchObject({ a: '900 calls', b: 'no limit', differs: true });
    expect(row(rows, 'Metric')).toMatchObject({ a: 'Label match', b: 'not recorded' });
    expect(row(rows, 'Validation, start program')).toMatchObject({
      a: '40.0% (on 12 examples)',
      b: '40.0%',
    });
  });

  it('says a run stopped before any program was scored scored nothing, not 0.0%', () => {
    const none = report({ baselineExamples: 0, baselineScore: 0, bestScore: 0 });
    const kept = report({ baselineExamples: 0, baselineScore: 0, bestScore: 0.96 });
    const rows = comparisonRows(none, kept);
    expect(row(rows, 'Validation, start program')).toMatchObject({
      a: 'not scored',
      b: 'not scored',
    });
    expect(row(rows, 'Validation, final program')).toMatchObject({ a: 'not scored', b: '96.0%' });
    // A run that changed nothing: its start program, with the estimate it has.
    const unchanged = report({ baselineExamples: 12, bestExamples: 12, bestScore: 0.4 });
    expect(row(comparisonRows(unchanged, kept), 'Validation, final program')?.a).toBe(
      'the start program, kept: 40.0% (on 12 examples)',
    );
  });
});

describe('instructionPairs', () => {
  it('pairs the final instruction of each step by name and says which differ', () => {
    const a = report();
    const b = report({
      program: {
        ...a.program,
        steps: [
          {
            ...a.program.steps[0]!,
            signature: { ...a.program.steps[0]!.signature, instruction: 'Route it.' },
          },
        ],
      },
    });
    expect(instructionPairs(a, b)).toEqual([
      {
        step: 'route',
        a: 'Route the ticket.\nAnswer with the department only.',
        b: 'Route it.',
        differs: true,
      },
    ]);
    expect(instructionPairs(a, a)[0]?.differs).toBe(false);
  });
});

describe('elapsedWords', () => {
  it('says seconds for a short run and minutes for a long one', () => {
    expect(elapsedWords(4_200)).toBe('4.2 s');
    expect(elapsedWords(600_000)).toBe('10.0 min');
    expect(elapsedWords(undefined)).toBe('not recorded');
  });
});
