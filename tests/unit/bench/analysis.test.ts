import { describe, expect, it } from 'vitest';
import {
  bestBaseline,
  callsToReach,
  callsToReachBaseline,
  clearlyBehindBest,
  pairedDifference,
  standardError,
  verdict,
} from '../../../scripts/bench/analysis';
import { methodRow } from './method-row';

const row = methodRow;

describe('pairedDifference', () => {
  it('pairs rows by seed, whatever their order, and skips unpaired seeds', () => {
    const rows = [
      row('copa-matched', 1, 0.6),
      row('copa-matched', 0, 0.5),
      row('copa-matched', 2, 0.9),
      row('joint-search', 0, 0.4),
      row('joint-search', 1, 0.7),
    ];
    const d = pairedDifference(rows, 'copa-matched', 'joint-search');
    expect(d.seeds).toBe(2);
    expect(d.mean).toBeCloseTo(0, 12); // +0.1 and −0.1
    expect(d.se).toBeCloseTo(0.1, 12); // sd 0.1414 / √2
  });

  it('is NaN with no shared seed', () => {
    const d = pairedDifference(
      [row('copa', 0, 1), row('joint-search', 1, 0)],
      'copa',
      'joint-search',
    );
    expect(d.seeds).toBe(0);
    expect(d.mean).toBeNaN();
  });

  it('standard error is 0 for a single value', () => {
    expect(standardError([0.3])).toBe(0);
    expect(standardError([1, 3])).toBeCloseTo(1, 12);
  });
});

describe('bestBaseline', () => {
  it('is the optimizer baseline with the best mean test score, never zero-shot or COPA', () => {
    const rows = [
      row('zero-shot', 0, 0.9),
      row('copa', 0, 0.95),
      row('bootstrap-fewshot', 0, 0.5),
      row('bootstrap-fewshot', 1, 0.7),
      row('random-search', 0, 0.65),
      row('random-search', 1, 0.45),
      row('instruction-only', 0, 0.58),
    ];
    // Means: bootstrap 0.60, random search 0.55, instruction-only 0.58.
    expect(bestBaseline(rows)).toBe('bootstrap-fewshot');
  });

  it('breaks a tie with the fewer calls', () => {
    const rows = [
      row('joint-search', 0, 0.5, { lmCalls: 600 }),
      row('random-search', 0, 0.5, { lmCalls: 400 }),
    ];
    expect(bestBaseline(rows)).toBe('random-search');
  });

  it('is null when no baseline ran', () => {
    expect(bestBaseline([row('zero-shot', 0, 0.5), row('copa', 0, 0.6)])).toBeNull();
  });
});

describe('callsToReach', () => {
  const curve: [number, number][] = [
    [100, 0.3],
    [250, 0.45],
    [400, 0.5],
  ];

  it('is the first call count whose best-so-far score reaches the target', () => {
    expect(callsToReach(curve, 0.45)).toBe(250);
    expect(callsToReach(curve, 0.31)).toBe(250);
    expect(callsToReach(curve, 0.1)).toBe(100);
    expect(callsToReach(curve, 0.45 + 1e-12)).toBe(250);
  });

  it('is null when the curve never gets there', () => {
    expect(callsToReach(curve, 0.51)).toBeNull();
    expect(callsToReach([], 0)).toBeNull();
  });

  it('as a ratio to the baseline’s calls on the same seed, over the seeds that reached it', () => {
    const rows = [
      row('joint-search', 0, 0, { valScore: 0.45, lmCalls: 500 }),
      row('joint-search', 1, 0, { valScore: 0.6, lmCalls: 500 }),
      row('joint-search', 2, 0, { valScore: 0.3, lmCalls: 1000 }),
      row('copa', 0, 0, { curve }),
      row('copa', 1, 0, { curve }),
      row('copa', 2, 0, { curve }),
    ];
    const reach = callsToReachBaseline(rows, 'copa', 'joint-search');
    expect(reach.seeds).toBe(3);
    expect(reach.reached).toBe(2);
    expect(reach.meanRatio).toBeCloseTo((250 / 500 + 100 / 1000) / 2, 12);
  });
});

describe('verdict', () => {
  const diff = { mean: 0, se: 0.01, seeds: 5 };

  it('passes at a paired difference of 0 and fails below it', () => {
    expect(verdict(diff, { meanRatio: 0.5, reached: 5, seeds: 5 }).matchedAtLeastBest).toBe(true);
    expect(
      verdict({ ...diff, mean: -0.001 }, { meanRatio: 0.5, reached: 5, seeds: 5 })
        .matchedAtLeastBest,
    ).toBe(false);
    expect(
      verdict({ mean: NaN, se: 0, seeds: 0 }, { meanRatio: 0.5, reached: 5, seeds: 5 }),
    ).toMatchObject({ matchedAtLeastBest: false });
  });

  it('passes the call target only when every seed reached it within 0.6× on average', () => {
    expect(verdict(diff, { meanRatio: 0.6, reached: 5, seeds: 5 }).reachesWithFewerCalls).toBe(
      true,
    );
    expect(verdict(diff, { meanRatio: 0.61, reached: 5, seeds: 5 }).reachesWithFewerCalls).toBe(
      false,
    );
    expect(verdict(diff, { meanRatio: 0.2, reached: 4, seeds: 5 }).reachesWithFewerCalls).toBe(
      false,
    );
  });
});

describe('clearlyBehindBest', () => {
  it('is a shortfall of more than two standard errors, not a miss within the noise', () => {
    expect(clearlyBehindBest({ mean: -0.021, se: 0.01, seeds: 5 })).toBe(true);
    expect(clearlyBehindBest({ mean: -0.019, se: 0.01, seeds: 5 })).toBe(false);
    expect(clearlyBehindBest({ mean: 0.05, se: 0.01, seeds: 5 })).toBe(false);
  });

  it('counts seeds that all fell short by the same amount, and never a single seed', () => {
    expect(clearlyBehindBest({ mean: -0.006, se: 0, seeds: 5 })).toBe(true);
    expect(clearlyBehindBest({ mean: 0, se: 0, seeds: 5 })).toBe(false);
    expect(clearlyBehindBest({ mean: -0.5, se: 0, seeds: 1 })).toBe(false);
    expect(clearlyBehindBest({ mean: NaN, se: 0, seeds: 0 })).toBe(false);
  });
});
