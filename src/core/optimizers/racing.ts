/**
 * A sequential paired test on per-example differences (candidate minus incumbent, same
 * examples): true when the candidate's net deficit is at least three examples' worth and two
 * standard deviations of a zero-mean walk with these steps (for 0/1 scores, a sign test on the
 * examples where the two disagree). Checked after every example; at this level a candidate as
 * good as the incumbent is stopped rarely, and stopping only skips its full evaluation.
 */
export function clearlyBehind(diffs: readonly number[]): boolean {
  let sum = 0;
  let squares = 0;
  for (const d of diffs) {
    sum += d;
    squares += d * d;
  }
  return -sum >= Math.max(BEHIND_MIN_DEFICIT, BEHIND_Z * Math.sqrt(squares));
}

const BEHIND_MIN_DEFICIT = 3;
const BEHIND_Z = 2;

/** The mirror of `clearlyBehind`: the candidate's net gain is clearly more than chance. */
export function clearlyAhead(diffs: readonly number[]): boolean {
  return clearlyBehind(diffs.map((d) => -d));
}
