/**
 * The outcome of a finalist that was scored on the full validation set and not accepted. "Not
 * better" was wrong for one that scored higher than the current program by less than the margin
 * of "Keep only clear gains", and for one above the current program but below the winner.
 * `score` is the phase's score after its decision (the winner's, when one was accepted).
 */
export function finalistOutcomeWords(
  fullScore: number,
  decision: { accepted: boolean; score: number; incumbentScore: number },
): string {
  // With a margin, the finalist accepted is the best one that clears it: a higher one did not.
  const bar = decision.accepted ? decision.score : decision.incumbentScore;
  if (fullScore > bar) return 'higher, but not by the required margin';
  if (decision.accepted) return 'below the accepted candidate';
  return 'not better on the full set';
}

/**
 * The outcome of a candidate still in the race when the run stopped inside its phase (a budget,
 * a cancel): it said "…" after the run had ended. `kept`: the finalist the phase had already
 * proved better, which the run returns.
 */
export function cutOutcomeWords(kept: boolean): string {
  return kept
    ? 'kept: proved better before the run stopped, so the run returns it'
    : 'not decided: the run stopped during this phase';
}
