import type { MethodRow } from './types';

/** The optimizer baselines COPA is judged against (zero-shot is the start, not an optimizer). */
export const BASELINE_METHODS = [
  'bootstrap-fewshot',
  'random-search',
  'instruction-only',
  'joint-search',
  'reflective-search',
] as const;

/** Scores closer than this are equal (sums of 0/1 scores over a few hundred examples). */
const EPSILON = 1e-9;

export function mean(values: readonly number[]): number {
  return values.length === 0 ? NaN : values.reduce((a, b) => a + b, 0) / values.length;
}

/** The standard error of the mean (0 with fewer than two values). */
export function standardError(values: readonly number[]): number {
  const n = values.length;
  if (n < 2) return 0;
  const m = mean(values);
  return Math.sqrt(values.reduce((a, b) => a + (b - m) ** 2, 0) / (n - 1) / n);
}

export interface PairedDifference {
  /** Mean over seeds of (a − b) on the test score. */
  mean: number;
  se: number;
  /** Seeds both methods ran on. */
  seeds: number;
}

/**
 * `a`'s test score minus `b`'s, paired by seed: the seed fixes the model's noise for both, so
 * the spread between seeds cancels out of each difference. Seeds only one of them ran on are
 * left out. NaN mean when no seed is shared.
 */
export function pairedDifference(
  rows: readonly MethodRow[],
  a: string,
  b: string,
): PairedDifference {
  const diffs: number[] = [];
  for (const row of rows.filter((r) => r.method === a)) {
    const other = rows.find((r) => r.method === b && r.seed === row.seed);
    if (other) diffs.push(row.testScore - other.testScore);
  }
  return { mean: mean(diffs), se: standardError(diffs), seeds: diffs.length };
}

/**
 * The baseline with the highest mean test score; on a tie the one that used fewer calls, so
 * the calls COPA is measured against are the fewest that bought that score. Null when no
 * baseline ran.
 */
export function bestBaseline(rows: readonly MethodRow[]): string | null {
  let best: { method: string; test: number; calls: number } | null = null;
  for (const method of BASELINE_METHODS) {
    const mine = rows.filter((r) => r.method === method);
    if (mine.length === 0) continue;
    const test = mean(mine.map((r) => r.testScore));
    const calls = mean(mine.map((r) => r.lmCalls));
    if (
      !best ||
      test > best.test + EPSILON ||
      (Math.abs(test - best.test) <= EPSILON && calls < best.calls)
    )
      best = { method, test, calls };
  }
  return best?.method ?? null;
}

/**
 * The first call count on a learning curve ([calls, best validation score so far]) at which
 * the score reaches `target`; null when it never does.
 */
export function callsToReach(curve: readonly [number, number][], target: number): number | null {
  for (const [calls, score] of curve) if (score >= target - EPSILON) return calls;
  return null;
}

export interface CallsToReach {
  /** Mean over the seeds that reached it of (COPA's calls to reach) / (baseline's calls). */
  meanRatio: number;
  reached: number;
  seeds: number;
}

/**
 * How many calls COPA's run needed to reach the baseline's final validation score on the same
 * seed, as a ratio to the calls the baseline spent in all.
 */
export function callsToReachBaseline(
  rows: readonly MethodRow[],
  copa: string,
  baseline: string,
): CallsToReach {
  const ratios: number[] = [];
  let seeds = 0;
  for (const row of rows.filter((r) => r.method === baseline)) {
    const run = rows.find((r) => r.method === copa && r.seed === row.seed);
    if (!run) continue;
    seeds++;
    const calls = callsToReach(run.curve, row.valScore);
    if (calls !== null) ratios.push(calls / Math.max(1, row.lmCalls));
  }
  return { meanRatio: mean(ratios), reached: ratios.length, seeds };
}

/**
 * Standard errors by which a paired difference must fall short of zero to count as clearly
 * behind. The best baseline is picked after the fact, as the highest of five noisy means, so a
 * COPA as good as the baselines falls below it on most pairs by chance alone; a shortfall of
 * more than two standard errors is one that chance rarely makes.
 */
export const CLEARLY_BEHIND_SE = 2;

/**
 * True when `diff` is below zero by more than CLEARLY_BEHIND_SE standard errors (with at least
 * two seeds; seeds that all differ by the same amount have no spread, so any shortfall counts).
 */
export function clearlyBehindBest(diff: PairedDifference): boolean {
  return diff.seeds >= 2 && diff.mean < -CLEARLY_BEHIND_SE * diff.se - EPSILON;
}

/** The targets: at matched calls no worse; the baseline's score at ≤ 0.6× its calls. */
export const CALLS_RATIO_TARGET = 0.6;

export interface Verdict {
  matchedAtLeastBest: boolean;
  reachesWithFewerCalls: boolean;
}

/**
 * Pass/fail of both targets. The call target passes only when every seed reached the
 * baseline's score: a mean over the seeds that did would hide the ones that never did.
 */
export function verdict(diff: PairedDifference, reach: CallsToReach): Verdict {
  return {
    matchedAtLeastBest: diff.seeds > 0 && diff.mean >= -EPSILON,
    reachesWithFewerCalls:
      reach.seeds > 0 && reach.reached === reach.seeds && reach.meanRatio <= CALLS_RATIO_TARGET,
  };
}
