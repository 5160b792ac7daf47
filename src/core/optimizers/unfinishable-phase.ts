import { smallestPhaseCalls, type PhasePlanInput } from './budget-plan';
import type { BudgetFit } from './budget-fit';
import type { CopaConfig } from './copa-config';

/**
 * The share of the smallest phase's estimate below which the budget left cannot finish it,
 * when the calls left are known well: a call limit's, or a time limit's at the model's measured
 * speed. The estimate counts every call of a cold run, and a phase often spends less (cache
 * hits, a candidate dropped part-way), so only a budget well short of it is hopeless. Measured
 * with `npm run bench` (seeds 0-9, every task and model): at 0.8 the real-model preset's runs
 * took 6% less time, with one test score of 280 changed (a phase given up would have won one
 * more validation example; test 0.98 with the skip, 0.97 without), and COPA at matched calls 2%
 * fewer calls with no score changed (at 0.6, 3% less time). Scaled by the run's cost ratio
 * instead, 2 of 140 preset runs gave up a phase that would have finished (date normalization: 96
 * calls spent of 97 left, a prompt phase's retries having set the ratio to 1.5) and lost
 * 0.11-0.17 on test.
 */
export const UNFINISHABLE_SHARE = 0.8;

/**
 * The share when a time limit's calls are counted at the run's own time per prompt token (no
 * measured speed): that pace prices a call by its prompt alone, so it overprices the larger
 * prompts of the coming phase (demos added) and undercounts the calls left (a test model at one
 * second a call: 16 counted, 27 made, enough for a prompt phase that reached 100%).
 */
export const UNFINISHABLE_SHARE_UNPACED = 0.5;

/** The share for a plan made under this limit, with or without the model's measured speed. */
export function unfinishableShare(limit: BudgetFit['limit'], speedKnown: boolean): number {
  return limit === 'time' && !speedKnown ? UNFINISHABLE_SHARE_UNPACED : UNFINISHABLE_SHARE;
}

/**
 * Whether the budget left is too little for even the smallest next phase: fewer calls left than
 * `share` of its estimate. A phase cut short before a candidate is scored on the full validation
 * set changes nothing, so starting it would spend the rest of the budget (minutes of a real
 * model's time) for nothing: the run stops instead (its checkpoint, as any budget stop's, can go
 * on under a larger budget).
 */
export function tooLittleForPhase(
  config: CopaConfig,
  input: PhasePlanInput,
  share: number = UNFINISHABLE_SHARE,
): boolean {
  // Nothing left at all: the budget's own "spent" message says so at the next call.
  if (!Number.isFinite(input.remainingCalls) || input.remainingCalls <= 0) return false;
  return input.remainingCalls < smallestPhaseCalls(config, input) * share;
}

/** What the budget left was, for the message: its limit and, for time, the milliseconds. */
export interface BudgetLeft {
  limit: BudgetFit['limit'];
  /** Milliseconds of the time budget left (a time limit only). */
  wallMs: number;
}

/** Why the run stopped before a phase, in sentences a user can act on. */
export function tooLittleMessage(
  config: CopaConfig,
  input: PhasePlanInput,
  left: BudgetLeft,
): string {
  const needed = Math.ceil(smallestPhaseCalls(config, input));
  const phase = input.kind === 'compilation' ? 'compilation phase' : 'prompt phase';
  const cut = 'and a phase cut short before its full evaluation changes nothing';
  if (left.limit === 'time') {
    // The calls left are the time left at the coming phase's pace: that pace turns calls into time.
    const msPerCall = input.remainingCalls > 0 ? left.wallMs / input.remainingCalls : 0;
    const time =
      msPerCall > 0 ? ` (about ${timeWords(needed * msPerCall)} at this run's pace)` : '';
    return `About ${timeWords(left.wallMs)} of the time budget is left, too little for another ${phase}: at its smallest it needs about ${needed} model calls${time}, ${cut}. Raise the time limit for a longer run.`;
  }
  const n = input.remainingCalls;
  const calls = n === 1 ? '1 model call of the budget is' : `${n} model calls of the budget are`;
  return `${calls} left, too little for another ${phase}: at its smallest it needs about ${needed}, ${cut}. Raise the call limit for a longer run.`;
}

/** "40 s", "3 min": a rough length for a message. */
function timeWords(ms: number): string {
  const s = Math.max(1, Math.round(ms / 1000));
  return s < 90 ? `${s} s` : `${Math.round(s / 60)} min`;
}
