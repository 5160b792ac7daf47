import type { Example } from '../example';
import { Rng } from '../rng';
import { estimatePhaseCalls, planPhase, type PhasePlanInput } from './budget-plan';
import type { CopaConfig } from './copa-config';
import type { PhaseKind } from './records';

/**
 * The fewest validation examples a budget-bound run selects on: below about 50, one example
 * moves a score by 2 points and chance decides between close candidates.
 */
export const MIN_SELECTION_EXAMPLES = 50;

/**
 * The share of the budget the two smallest phases may plan to fill: bootstrapping and repeated
 * proposals can cost more than their estimate, and a phase cut short loses its unfinished work.
 */
const SLACK = 0.9;

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
 * examples, at least MIN_SELECTION_EXAMPLES, for which its first compilation and prompt phases
 * both fit the budget as the phase planner would size them (their search shrunk to its useful
 * minimum at most). Without a limit, or when everything fits, all of them.
 */
export function selectionSize(config: CopaConfig, input: SelectionSetInput): number {
  const all = input.valSize;
  if (!Number.isFinite(input.callsAfforded) || all <= MIN_SELECTION_EXAMPLES) return all;
  const fits = (valSize: number): boolean => {
    const phase = (kind: PhaseKind, first: boolean): PhasePlanInput => ({
      kind,
      remainingCalls: 0,
      phasesLeft: 1,
      valSize,
      trainSize: input.trainSize,
      steps: input.steps,
      unscoredIncumbent: first,
    });
    const first = phase(config.startWith, true);
    const second = phase(config.startWith === 'compilation' ? 'prompt' : 'compilation', false);
    // Each phase at its smallest: the planner shrinks a phase's search before it would ever
    // leave the next phase out, so this is what has to fit.
    const smallest = (p: PhasePlanInput): number =>
      estimatePhaseCalls(planPhase(config, { ...p, remainingCalls: 0 }), p);
    return smallest(first) + smallest(second) <= SLACK * input.callsAfforded;
  };
  for (let n = all; n > MIN_SELECTION_EXAMPLES; n--) if (fits(n)) return n;
  return MIN_SELECTION_EXAMPLES;
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
