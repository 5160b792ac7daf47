import { describe, expect, it } from 'vitest';
import { accepts, decisionCounts } from '../../../scripts/bench/acceptance';

const gain = (wins: number, losses: number, n: number): number[] =>
  Array.from({ length: n }, (_, i) => (i < wins ? 1 : i < wins + losses ? -1 : 0));

describe('acceptance study counts', () => {
  it('accepts a gain only when it reaches the margin in standard errors', () => {
    const small = gain(3, 2, 100); // +0.01, SE about 0.022
    expect(accepts(small, 0)).toBe(true);
    expect(accepts(small, 1)).toBe(false);
    const large = gain(20, 2, 100);
    expect(accepts(large, 2)).toBe(true);
    expect(accepts(gain(2, 3, 100), 0)).toBe(false);
  });

  it('counts false accepts and false rejects against the test gains', () => {
    const decisions = [
      { task: 't', model: 'm', seed: 0, diffs: gain(3, 2, 100), testGain: 0.02 },
      { task: 't', model: 'm', seed: 1, diffs: gain(4, 3, 100), testGain: -0.01 },
      { task: 't', model: 'm', seed: 2, diffs: gain(20, 2, 100), testGain: 0.05 },
    ];
    const strict = decisionCounts(decisions, 0);
    expect(strict).toMatchObject({ accepted: 3, falseAccepts: 1, falseRejects: 0 });
    expect(strict.meanAcceptedTestGain).toBeCloseTo(0.02);
    const oneSe = decisionCounts(decisions, 1);
    expect(oneSe).toMatchObject({ accepted: 1, falseAccepts: 0, rejected: 2, falseRejects: 1 });
    expect(oneSe.rejectedTestGain).toBeCloseTo(0.01);
  });
});
