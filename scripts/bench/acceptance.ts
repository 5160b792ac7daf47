import { standardError } from './analysis';

/** One validation gain of a candidate over the incumbent, and what it was worth on test data. */
export interface StudiedDecision {
  task: string;
  model: string;
  seed: number;
  /** Per-example validation differences, candidate minus incumbent (their mean is > 0). */
  diffs: number[];
  /** Test score of the candidate minus the incumbent's. */
  testGain: number;
}

export interface MarginCounts {
  margin: number;
  accepted: number;
  rejected: number;
  /** Accepted, but worse on the test data. */
  falseAccepts: number;
  /** Rejected, but better on the test data. */
  falseRejects: number;
  /** Mean test gain of the accepted changes (what accepting bought). */
  meanAcceptedTestGain: number;
  /** Total test gain of the rejected changes (what rejecting left on the table). */
  rejectedTestGain: number;
}

/** Accepts when the mean gain is at least `margin` standard errors of the differences. */
export function accepts(diffs: readonly number[], margin: number): boolean {
  const gain = diffs.reduce((a, b) => a + b, 0) / Math.max(1, diffs.length);
  return gain > 0 && gain >= margin * standardError(diffs);
}

/** How the rule "accept when gain ≥ margin·SE" fares on these decisions. */
export function decisionCounts(
  decisions: readonly StudiedDecision[],
  margin: number,
): MarginCounts {
  const accepted = decisions.filter((d) => accepts(d.diffs, margin));
  const rejected = decisions.filter((d) => !accepts(d.diffs, margin));
  return {
    margin,
    accepted: accepted.length,
    rejected: rejected.length,
    falseAccepts: accepted.filter((d) => d.testGain < 0).length,
    falseRejects: rejected.filter((d) => d.testGain > 0).length,
    meanAcceptedTestGain:
      accepted.reduce((a, d) => a + d.testGain, 0) / Math.max(1, accepted.length),
    rejectedTestGain: rejected.reduce((a, d) => a + d.testGain, 0),
  };
}
