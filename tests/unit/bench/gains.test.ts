import { describe, expect, it } from 'vitest';
import { gainLines, gainsByModelLines, gainsOverZeroShot } from '../../../scripts/bench/gains';
import type { MethodRow } from '../../../scripts/bench/types';
import { methodRow } from './method-row';

function row(method: string, seed: number, valScore: number, testScore: number): MethodRow {
  return methodRow(method, seed, testScore, { valScore });
}

describe('gainsOverZeroShot', () => {
  it('pairs by seed within a cell, then averages the cells equally', () => {
    const cellA = [
      row('zero-shot', 0, 0.2, 0.3),
      row('zero-shot', 1, 0.4, 0.1),
      row('copa', 1, 0.6, 0.2), // +0.2 val, +0.1 test (seed 1's start)
      row('copa', 0, 0.4, 0.3), // +0.2 val, +0.0 test
    ];
    // One seed only: it weighs as much as cell A's two.
    const cellB = [row('zero-shot', 0, 0.5, 0.5), row('copa', 0, 0.5, 0.7)];
    const [copa] = gainsOverZeroShot([cellA, cellB]);
    expect(copa?.method).toBe('copa');
    expect(copa?.valGain).toBeCloseTo((0.2 + 0) / 2);
    expect(copa?.testGain).toBeCloseTo((0.05 + 0.2) / 2);
    expect(copa?.cells).toBe(2);
  });

  it('leaves out seeds and cells without a zero-shot row on the same seed', () => {
    const cell = [row('zero-shot', 0, 0.2, 0.2), row('joint-search', 3, 0.9, 0.9)];
    const gains = gainsOverZeroShot([cell]);
    expect(gains).toEqual([{ method: 'joint-search', valGain: NaN, testGain: NaN, cells: 0 }]);
    expect(gainLines(gains)).toEqual([]);
  });

  it('prints signed gains, one line per method that ran', () => {
    const cell = [row('zero-shot', 0, 0.5, 0.5), row('bootstrap-fewshot', 0, 0.4, 0.55)];
    const lines = gainLines(gainsOverZeroShot([cell]));
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/^bootstrap-fewshot\s+−0\.1000\s+\+0\.0500\s+1$/);
  });
});

describe('gainsByModelLines', () => {
  it("gives each model its own test gains, over that model's cells only", () => {
    const cells = [
      { model: 'a', methods: [row('zero-shot', 0, 0.2, 0.2), row('copa', 0, 0.3, 0.5)] },
      { model: 'b', methods: [row('zero-shot', 0, 0.2, 0.4), row('copa', 0, 0.3, 0.3)] },
      { model: 'a', methods: [row('zero-shot', 0, 0.2, 0.2), row('copa', 0, 0.3, 0.3)] },
    ];
    expect(gainsByModelLines(cells)).toEqual(['a: copa +0.200', 'b: copa −0.100']);
  });

  it('leaves out a model with no method paired with zero-shot', () => {
    const cells = [{ model: 'a', methods: [row('copa', 0, 0.3, 0.5)] }];
    expect(gainsByModelLines(cells)).toEqual([]);
  });
});
