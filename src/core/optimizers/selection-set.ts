import type { Example } from '../example';
import { Rng } from '../rng';
import { estimatePhaseCalls, smallestPhaseCalls, type PhasePlanInput } from './budget-plan';
import type { CopaConfig } from './copa-config';
import type { PhaseKind } from './records';

/**
 * The fewest validation examples a budget-bound run selects on: below about 50, one example
 * moves a score by 2 points and chance decides between close candidates.
 */
export const MIN_SELECTION_EXAMPLES = 50;

/** Examples a run keeps while its first two phases fit with them at their smallest. */
export const PREFERRED_SELECTION_EXAMPLES = 100;

/**
 * The share of the budget the first two phases may plan to fill: bootstrapping and repeated
 * proposals can cost more than their estimate, and a phase cut short loses its unfinished work.
 */
const SLACK = 0.9;

/** The sample a run selects on: how many validation examples, out of how many. */
export interface ValidationSample {
  examples: number;
  of: number;
}

/**
 * What a run's full scores rest on, in words: "the full validation set", or "the 100-example
 * validation sample" when a tight budget had it select on a sample (a decision that said "on
 * the full validation set" there contradicted the run's own line about the sample).
 */
export function selectionSetWords(sample?: ValidationSample | null): string {
  return `the ${selectionSetName(sample)}`;
}

/** "full validation set", or "100-example validation sample" (see selectionSetWords). */
export function selectionSetName(sample?: ValidationSample | null): string {
  return sample ? `${sample.examples}-example validation sample` : 'full validation set';
}

export interface SelectionSetInput {
  /** Model calls the whole budget affords at the start (Infinity without a limit). */
  callsAfforded: number;
  valSize: number;
  trainSize: number;
  steps: number;
}

/**
 * How many validation examples a run selects on. Every phase scores its finalists on all of
 * them, so with a large validation set and a tight budget (say 200 examples and 520 calls) the
 * first compilation phase spends the budget on two full evaluations and the prompt phase never
 * finishes: the run returns its start program. MIPROv2's auto modes cap the validation set for
 * the same reason (`light`: 100 examples). So a budget-bound run keeps the largest number of
 * examples with which its first compilation and prompt phases fit the budget at the run's own
 * settings, but not fewer than PREFERRED_SELECTION_EXAMPLES while the two phases fit with that
 * many shrunk to their smallest (and never fewer than MIN_SELECTION_EXAMPLES).
 *
 * Measured (README) on ticket routing and date normalization with 180 validation examples,
 * seeds 0-9, three simulated models: at 520 calls, keeping as many as the phases fit at their
 * smallest (138) scored far above keeping all, 100 higher still, and 57 (the phases at the
 * run's settings) highest; at 1,000 calls 144 scored as all 180 did. On the bench's own tasks
 * (60-200 validation examples, budgets of 400-1,300 calls) cutting below 100 cost a little at
 * matched calls, since their phases fit already: hence the preferred floor.
 * Without a limit, or when everything fits, all of them.
 */
export function selectionSize(config: CopaConfig, input: SelectionSetInput): number {
  const all = input.valSize;
  if (!Number.isFinite(input.callsAfforded) || all <= MIN_SELECTION_EXAMPLES) return all;
  const cycleCalls = (valSize: number, smallest: boolean): number => {
    const phase = (kind: PhaseKind, first: boolean): number => {
      const p: PhasePlanInput = {
        kind,
        remainingCalls: Infinity,
        phasesLeft: 1,
        valSize,
        trainSize: input.trainSize,
        steps: input.steps,
        unscoredIncumbent: first,
      };
      return smallest ? smallestPhaseCalls(config, p) : estimatePhaseCalls(config, p);
    };
    const second = config.startWith === 'compilation' ? 'prompt' : 'compilation';
    return phase(config.startWith, true) + phase(second, false);
  };
  const largestFitting = (smallest: boolean): number => {
    for (let n = all; n > MIN_SELECTION_EXAMPLES; n--)
      if (cycleCalls(n, smallest) <= SLACK * input.callsAfforded) return n;
    return MIN_SELECTION_EXAMPLES;
  };
  const atSettings = largestFitting(false);
  if (atSettings >= Math.min(all, PREFERRED_SELECTION_EXAMPLES)) return atSettings;
  return Math.max(atSettings, Math.min(all, PREFERRED_SELECTION_EXAMPLES, largestFitting(true)));
}

/**
 * The validation examples a run selects on: all of them, or a seeded sample of `size` in their
 * original order (the same for a resumed run, which must compare with the scores it has).
 */
export function selectionSubset(valset: readonly Example[], size: number, seed: number): Example[] {
  if (size >= valset.length) return [...valset];
  const indices = valset.map((_, i) => i);
  const picked = new Rng(seed).fork('selection-set').sample(indices, size);
  return [...picked].sort((a, b) => a - b).map((i) => valset[i] as Example);
}
