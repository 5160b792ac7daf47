import { describe, expect, it } from 'vitest';
import { chartStart, chartSummary } from '../../../src/ui/optimize/chart-start';

describe("the score chart's start program", () => {
  it('is marked apart when the curve has no point for it (scored on a minibatch only)', () => {
    const curve: [number, number][] = [
      [195, 0.333],
      [430, 0.633],
    ];
    expect(chartStart(curve, 0.183)).toBe(0.183);
    expect(chartSummary(curve, 0.183, 4)).toBe(
      'Best validation score went from 18.3% (the start program) to 63.3% over 430 model calls, in 4 phases.',
    );
  });

  it('is not marked twice when the line already starts at it', () => {
    const curve: [number, number][] = [
      [20, 0.5],
      [60, 0.7],
    ];
    expect(chartStart(curve, 0.5)).toBeNull();
    expect(chartSummary(curve, null, 1)).toMatch(
      /^Best validation score went from 50\.0% to 70\.0%/,
    );
  });

  it('counts the calls spent after the last point, and says one phase as one', () => {
    // A run cut by its budget in its second phase: "over 84 model calls, in 1 phases" beside a
    // budget line of 150 calls.
    const curve: [number, number][] = [[84, 0.46]];
    expect(chartSummary(curve, 0, 1, 150)).toBe(
      'Best validation score went from 0.0% (the start program) to 46.0% over 150 model calls, in 1 phase.',
    );
  });

  it('says what is known before any full score', () => {
    expect(chartStart([], 0.25)).toBe(0.25);
    expect(chartSummary([], 0.25, 0)).toBe('The start program scored 25.0%.');
    expect(chartSummary([], chartStart([], null), 0)).toBe('No scores yet.');
  });
});
