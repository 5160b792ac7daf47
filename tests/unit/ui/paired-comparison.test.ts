import { describe, expect, it } from 'vitest';
import { pairedComparison } from '../../../src/ui/lib/paired-comparison';

describe('pairedComparison', () => {
  it('counts fixed and broken examples and gives the mean difference with its standard error', () => {
    const c = pairedComparison([0, 0, 1, 1], [1, 1, 1, 0]);
    expect(c).toMatchObject({ examples: 4, fixed: 2, broken: 1 });
    expect(c?.difference).toBeCloseTo(0.25);
    // Differences 1, 1, 0, -1: sample variance 11/12, standard error sqrt(11/12 / 4).
    expect(c?.standardError).toBeCloseTo(Math.sqrt(11 / 48));
  });

  it('is null without examples and has no spread for identical scores', () => {
    expect(pairedComparison([], [])).toBeNull();
    expect(pairedComparison([1, 0], [1, 0])).toMatchObject({ difference: 0, standardError: 0 });
  });
});
