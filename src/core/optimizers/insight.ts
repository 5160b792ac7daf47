import type { PhaseKind } from './records';
import { beforeScoreWords, pct, type SelectionOutcome } from './selection';

/** What a phase learned: words for people and the next phase, plus examples to focus on. */
export interface Insight {
  phase: number;
  kind: PhaseKind;
  text: string;
  /** Training examples the current program fails (tried first by the next bootstrap). */
  focusIds: string[];
}

/** Moves the focus examples to the front of a walk order, keeping the rest in order. */
export function focusFirst<T extends { id: string }>(
  order: readonly T[],
  focusIds: readonly string[],
): T[] {
  if (focusIds.length === 0) return [...order];
  const focus = new Set(focusIds);
  return [...order.filter((e) => focus.has(e.id)), ...order.filter((e) => !focus.has(e.id))];
}

/** Shortens a text for one line of an insight. */
export function clip(text: string, max = 120): string {
  const one = text.replace(/\s+/g, ' ').trim();
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
}

/**
 * Why a phase kept the current program, for the next phase's proposer and for the reader: the
 * best full score against the current one (higher, under an acceptance margin it did not clear);
 * when no candidate finished the full set, whether a
 * finalist was stopped part-way through it or every candidate fell on the minibatches (a "best"
 * would only repeat the current program's score).
 */
export function noGainText(
  candidates: string,
  outcome: Pick<
    SelectionOutcome,
    'anyFullyScored' | 'anyStoppedOnFullSet' | 'bestCandidateScore'
  > & {
    /** What the full scores rest on (default: the full validation set). */
    setWords?: string;
    before: { score: number; examples?: number };
  },
): string {
  const set = outcome.setWords ?? 'the full validation set';
  const current = beforeScoreWords(outcome.before);
  // Under an acceptance margin a finalist can score higher and still not be accepted: "no
  // candidate beat" it beside "best 66.7% vs 63.3%" said the opposite of its own numbers.
  if (outcome.anyFullyScored && outcome.bestCandidateScore > outcome.before.score)
    return `No ${candidates} beat the current program by the margin that separates a real gain from chance (best ${pct(outcome.bestCandidateScore)} vs ${current})`;
  if (outcome.anyFullyScored)
    return `No ${candidates} beat the current program (best ${pct(outcome.bestCandidateScore)} vs ${current})`;
  return outcome.anyStoppedOnFullSet
    ? `No ${candidates} beat the current program (${current}): what went on to ${set} fell behind it part-way and was stopped there`
    : `No ${candidates} beat the current program (${current}) on the minibatches, so none was scored on ${set}`;
}
