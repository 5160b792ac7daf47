import type { Example } from '../../example';
import { Rng } from '../../rng';

export interface SplitRatios {
  train: number;
  val: number;
  test: number;
}

export const DEFAULT_SPLIT: SplitRatios = { train: 0.5, val: 0.3, test: 0.2 };

/**
 * Seeded shuffle, then cut into train/validation/test; the same seed gives the same split.
 * Training and validation, given a share, get at least one example each when there are two:
 * rounding left a small file's validation split empty (10% of 4 rows), and a run needs both.
 */
export function splitExamples(
  examples: readonly Example[],
  seed: number,
  ratios: SplitRatios = DEFAULT_SPLIT,
): { train: Example[]; val: Example[]; test: Example[] } {
  const total = ratios.train + ratios.val + ratios.test;
  if (!(total > 0) || [ratios.train, ratios.val, ratios.test].some((r) => r < 0))
    throw new RangeError('Split ratios must be non-negative and not all zero.');
  const shuffled = new Rng(seed).fork('dataset-split').shuffle(examples);
  const n = shuffled.length;
  const atLeastOne = (share: number): number => (share > 0 && n >= 2 ? 1 : 0);
  const trainKept = atLeastOne(ratios.train);
  const nVal = Math.min(
    n - trainKept,
    Math.max(atLeastOne(ratios.val), Math.round((n * ratios.val) / total)),
  );
  const nTest = Math.max(0, Math.min(n - nVal - trainKept, Math.round((n * ratios.test) / total)));
  return {
    val: shuffled.slice(0, nVal),
    test: shuffled.slice(nVal, nVal + nTest),
    train: shuffled.slice(nVal + nTest),
  };
}
