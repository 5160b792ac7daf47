import { describe, expect, it } from 'vitest';
import { scoreAxis } from '../../../src/ui/lib/score-axis';

describe('scoreAxis', () => {
  it('ticks every 20 points over a wide range, from a round number below the lowest score', () => {
    expect(scoreAxis([0.14, 0.4])).toEqual({ low: 0, ticks: [0, 0.2, 0.4, 0.6, 0.8, 1] });
    expect(scoreAxis([0.27, 0.6])).toEqual({ low: 0.2, ticks: [0.2, 0.4, 0.6, 0.8, 1] });
  });

  it('ticks every 10 points when the scores are high', () => {
    expect(scoreAxis([0.72, 0.9])).toEqual({ low: 0.6, ticks: [0.6, 0.7, 0.8, 0.9, 1] });
  });

  it('lands on round percentages where quarters of the range would not', () => {
    // The range 10–100% once gave ticks at 10, 33, 55 and 78%.
    const { low, ticks } = scoreAxis([0.17]);
    expect(low).toBe(0);
    for (const t of ticks) expect(Math.round(t * 100) % 10).toBe(0);
  });

  it('spans the whole scale without scores', () => {
    expect(scoreAxis([]).ticks.at(-1)).toBe(1);
    expect(scoreAxis([1]).low).toBe(0.9);
  });
});
