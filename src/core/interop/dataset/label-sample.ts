import type { Example } from '../../example';
import { Rng } from '../../rng';

/** The text of an example's value for `field` (labels compare as text), or null when absent. */
function valueOf(e: Example, field: string): string | null {
  const v = e.data[field];
  if (v === undefined || v === null) return null;
  return typeof v === 'string' ? v.trim() : JSON.stringify(v);
}

/**
 * A seeded random sample of `n` examples in which every value of `fields` that the full set has
 * appears at least once (as far as `n` allows): a plain random sample of a many-label file drops
 * rare labels, which the program could then never learn nor be scored on. One example of each
 * value is drawn first (rarest values first), then the rest at random.
 */
export function sampleKeepingValues(
  examples: readonly Example[],
  n: number,
  fields: readonly string[],
  rng: Rng,
): Example[] {
  if (examples.length <= n) return [...examples];
  const shuffled = rng.shuffle(examples);
  const chosen = new Set<Example>();
  for (const field of fields) {
    const firstOf = new Map<string, Example>();
    const counts = new Map<string, number>();
    for (const e of shuffled) {
      const v = valueOf(e, field);
      if (v === null) continue;
      counts.set(v, (counts.get(v) ?? 0) + 1);
      if (!firstOf.has(v)) firstOf.set(v, e);
    }
    const rarestFirst = [...firstOf.entries()].sort(
      (a, b) => (counts.get(a[0]) ?? 0) - (counts.get(b[0]) ?? 0),
    );
    for (const [, e] of rarestFirst) if (chosen.size < n) chosen.add(e);
  }
  for (const e of shuffled) {
    if (chosen.size >= n) break;
    chosen.add(e);
  }
  // In the shuffled order, so the kept examples are not grouped by label.
  return shuffled.filter((e) => chosen.has(e));
}

/**
 * The splits with every value of `fields` present in training where the data has it: a label
 * that only validation or test examples show could never be demonstrated. One example of each
 * missing value moves to training from the larger of validation and test.
 */
export function withEveryValueInTraining(
  splits: { train: Example[]; val: Example[]; test: Example[] },
  fields: readonly string[],
): { train: Example[]; val: Example[]; test: Example[] } {
  let { train, val, test } = splits;
  for (const field of fields) {
    const inTrain = new Set(train.map((e) => valueOf(e, field)));
    for (const from of ['val', 'test'] as const) {
      const source = from === 'val' ? val : test;
      const moved = new Set<Example>();
      for (const e of source) {
        const v = valueOf(e, field);
        // Keep at least one example in each held-out split.
        if (v === null || inTrain.has(v) || source.length - moved.size <= 1) continue;
        inTrain.add(v);
        moved.add(e);
      }
      if (moved.size === 0) continue;
      train = [...train, ...source.filter((e) => moved.has(e))];
      if (from === 'val') val = val.filter((e) => !moved.has(e));
      else test = test.filter((e) => !moved.has(e));
    }
  }
  return { train, val, test };
}
