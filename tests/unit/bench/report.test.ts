import { describe, expect, it } from 'vitest';
import {
  compare,
  comparisonLines,
  presetLine,
  summaryLine,
  targetCounts,
} from '../../../scripts/bench/report';
import type { MethodRow, TaskModelResult } from '../../../scripts/bench/types';
import { methodRow } from './method-row';

function row(method: string, seed: number, test: number, calls: number, val = test): MethodRow {
  const curve: [number, number][] =
    method === 'copa'
      ? [
          [100, 0.2],
          [250, 0.5],
          [700, 0.6],
        ]
      : [[calls, val]];
  return methodRow(method, seed, test, { lmCalls: calls, valScore: val, curve });
}

function result(rows: MethodRow[]): TaskModelResult {
  return { task: 'clinc150', model: 'stand-in-v1', methods: rows };
}

describe('the bench report', () => {
  it('judges copa-matched against the best baseline and counts calls from COPA’s curve', () => {
    const rows = [0, 1].flatMap((seed) => [
      row('zero-shot', seed, 0.7, 100),
      row('bootstrap-fewshot', seed, 0.4, 200),
      row('joint-search', seed, 0.5, 500, 0.5),
      row('copa', seed, 0.6, 700),
      row('copa-matched', seed, 0.5 + seed * 0.02, 500),
    ]);
    const c = compare(result(rows));
    expect(c?.best).toBe('joint-search');
    expect(c?.matched.mean).toBeCloseTo(0.01, 12);
    expect(c?.reach).toEqual({ meanRatio: 0.5, reached: 2, seeds: 2 }); // 250 / 500
    expect(c?.verdict).toEqual({ matchedAtLeastBest: true, reachesWithFewerCalls: true });
    const line = summaryLine(result(rows), c);
    expect(line).toMatch(/PASS matched diff ≥ 0 vs joint-search: \+0\.0100 ± 0\.0100/);
    expect(line).toMatch(/PASS calls to reach ≤ 0\.6×: 0\.50× \(2\/2 seeds\)/);
    // Zero-shot above every baseline is said, not hidden.
    expect(comparisonLines(c!).some((l) => l.startsWith('note: zero-shot'))).toBe(true);
  });

  it('fails a target COPA misses, and marks one whose methods did not run n/a', () => {
    const missed = [row('random-search', 0, 0.5, 300, 0.9), row('copa', 0, 0.3, 700)];
    const c = compare(result(missed));
    const line = summaryLine(result(missed), c);
    expect(line).toMatch(/n\/a {2}matched diff ≥ 0 vs random-search: not run/);
    expect(line).toMatch(/FAIL calls to reach ≤ 0\.6×: never \(0\/1 seeds\)/);
    expect(summaryLine(result([row('zero-shot', 0, 0.5, 100)]), null)).toMatch(/did not run/);
    // The count leaves out pairs where a target's methods did not run.
    expect(targetCounts([c, null])).toBe(
      'matched diff ≥ 0 on 0/0, more than 2 SE below on 0/0; calls to reach ≤ 0.6× on 0/1',
    );
  });

  it('counts the pairs clearly behind the best baseline apart from misses within the noise', () => {
    const pair = (matched: [number, number]): ReturnType<typeof compare> =>
      compare(
        result(
          [0, 1].flatMap((seed) => [
            row('joint-search', seed, 0.5, 500),
            row('copa', seed, 0.6, 700),
            row('copa-matched', seed, matched[seed] ?? 0, 500),
          ]),
        ),
      );
    const behind = pair([0.4, 0.41]); // −0.095 ± 0.005: far beyond two standard errors
    const noisy = pair([0.4, 0.58]); // −0.01 ± 0.09
    const even = pair([0.5, 0.5]);
    expect(targetCounts([behind, noisy, even])).toMatch(
      /^matched diff ≥ 0 on 1\/3, more than 2 SE below on 1\/3;/,
    );
  });

  it("gives the real-model preset's time and its test difference from default COPA, with issue 12's target", () => {
    const timed = (method: string, seed: number, test: number, seconds: number): MethodRow => ({
      ...row(method, seed, test, 100),
      igpuSeconds: seconds,
    });
    const within = result([
      timed('copa', 0, 0.7, 2000),
      timed('copa', 1, 0.6, 2000),
      timed('copa-real-preset', 0, 0.69, 540),
      timed('copa-real-preset', 1, 0.6, 600),
    ]);
    expect(presetLine(within)).toMatch(
      /^copa-real-preset: 9\.5 iGPU min \(longest 10\.0\); test − copa -0\.0050 .* PASS/,
    );
    // One seed over 600 s, or a mean more than 0.02 below default COPA: FAIL.
    const slow = result([...within.methods.slice(0, 3), timed('copa-real-preset', 1, 0.6, 601)]);
    expect(presetLine(slow)).toMatch(/FAIL/);
    const worse = result([...within.methods.slice(0, 3), timed('copa-real-preset', 1, 0.5, 500)]);
    expect(presetLine(worse)).toMatch(/FAIL/);
    expect(presetLine(result([timed('copa', 0, 0.7, 2000)]))).toBeNull();
  });
});
