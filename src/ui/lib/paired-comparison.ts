/** How two programs compare on the same examples, in terms a user can weigh. */
export interface PairedComparison {
  examples: number;
  /** Examples the second program gets right that the first got wrong, and the reverse. */
  fixed: number;
  broken: number;
  /** Mean score difference (second minus first) and its standard error over the examples. */
  difference: number;
  standardError: number;
}

/**
 * Compares per-example scores of two programs on the same examples (paired): a difference
 * smaller than about two standard errors could be chance on this many examples.
 */
export function pairedComparison(
  first: readonly number[],
  second: readonly number[],
): PairedComparison | null {
  const n = Math.min(first.length, second.length);
  if (n === 0) return null;
  const diffs = Array.from({ length: n }, (_, i) => (second[i] ?? 0) - (first[i] ?? 0));
  const mean = diffs.reduce((a, b) => a + b, 0) / n;
  const variance = n > 1 ? diffs.reduce((a, d) => a + (d - mean) ** 2, 0) / (n - 1) : 0;
  return {
    examples: n,
    fixed: diffs.filter((d) => d > 0).length,
    broken: diffs.filter((d) => d < 0).length,
    difference: mean,
    standardError: Math.sqrt(variance / n),
  };
}
