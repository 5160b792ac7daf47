import type { Rng } from '../../src/core/rng';

/**
 * `n` distinct rows in which every label occurs: ⌊n / labels⌋ rows of each label, the rest
 * drawn at random from what is left, in shuffled order. On a many-label task a plain random
 * sample of a few hundred rows misses labels, and a label no training row shows is a label no
 * optimizer can demonstrate. Throws when `n` is smaller than the number of labels or the rows.
 */
export function sampleWithEveryLabel<T>(
  rows: readonly T[],
  labelOf: (row: T) => string,
  n: number,
  rng: Rng,
): T[] {
  const byLabel = new Map<string, T[]>();
  for (const row of rows) {
    const label = labelOf(row);
    const group = byLabel.get(label);
    if (group) group.push(row);
    else byLabel.set(label, [row]);
  }
  if (n > rows.length) throw new RangeError(`Cannot sample ${n} of ${rows.length} rows.`);
  if (n < byLabel.size)
    throw new RangeError(`A sample of ${n} cannot hold all ${byLabel.size} labels.`);
  const perLabel = Math.floor(n / byLabel.size);
  const chosen: T[] = [];
  const rest: T[] = [];
  // Sorted labels: the sample must not depend on the order the file lists them in.
  for (const label of [...byLabel.keys()].sort()) {
    const group = rng.shuffle(byLabel.get(label) ?? []);
    if (group.length < perLabel)
      throw new RangeError(`Label "${label}" has ${group.length} rows; ${perLabel} are needed.`);
    chosen.push(...group.slice(0, perLabel));
    rest.push(...group.slice(perLabel));
  }
  chosen.push(...rng.sample(rest, n - chosen.length));
  return rng.shuffle(chosen);
}
