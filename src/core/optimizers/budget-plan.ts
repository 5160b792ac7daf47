import { bootstrapRuns, selectionRuns } from './cost-estimate';
import type { CopaConfig } from './copa-config';
import type { PhaseKind, PhaseRecord } from './records';

/** What the planner needs to know about the task and the budget left. */
export interface PhasePlanInput {
  kind: PhaseKind;
  /**
   * Model calls the budget still allows: the call limit's, or the time limit's at the pace the
   * phase's calls should go (time-plan.ts), whichever is fewer; Infinity when neither limits.
   */
  remainingCalls: number;
  /** Phases left in the run, this one included. */
  phasesLeft: number;
  valSize: number;
  trainSize: number;
  steps: number;
  /** The phase must also score its starting program on the validation set (a run's first). */
  unscoredIncumbent?: boolean;
  /**
   * A compilation phase whose bootstrapping is done: only its selection is left to plan, and its
   * candidates exist (a plan can keep fewer of them, not build more).
   */
  bootstrapped?: boolean;
  /**
   * A compilation plan that is made again once bootstrapping is done (replanSelection): it
   * shrinks first what that plan can give back — finalists, then minibatches — and the demo
   * sets to build last, since no later plan can add one.
   */
  provisional?: boolean;
  /**
   * Real calls of this run's finished phases over what the planner expected of them (see
   * costRatioOf); 1 when no phase has finished. Cache hits, racing and repeated candidates
   * make phases cheaper than the cold estimate, and by how much depends on the task.
   */
  costRatio?: number;
}

/** Expected model calls of one phase with these settings (cold cache, an upper estimate). */
export function estimatePhaseCalls(config: CopaConfig, input: PhasePlanInput): number {
  const V = input.valSize;
  const runs =
    input.kind === 'compilation'
      ? (input.bootstrapped ? 0 : bootstrapRuns(config, input.trainSize)) +
        selectionRuns(config.demoCandidates, V, config.minibatchSize, config.finalists)
      : Math.min(config.failureProbeSize, input.trainSize) +
        config.instructionCandidates +
        selectionRuns(config.instructionCandidates, V, config.minibatchSize, config.finalists);
  return (runs + (input.unscoredIncumbent ? V : 0)) * input.steps;
}

/**
 * How much of their estimate the finished phases really cost, from their records: clamped to
 * [0.3, 1.5] so one odd phase cannot make the plan reckless or timid. A phase that scored no
 * program on the full validation set is left out: its candidates all fell on minibatches, so it
 * skipped the full evaluations its estimate counts, and a next phase whose finalist does reach
 * them would be planned at a fraction of its cost (a first phase that spent 50 of its planned
 * 442 calls on a 200-example validation set left the next one unplanned, and the budget ran
 * out in its first full evaluation).
 */
export function costRatioOf(history: readonly PhaseRecord[]): number {
  let planned = 0;
  let spent = 0;
  for (const r of history) {
    if (r.plannedCalls === undefined || r.plannedCalls <= 0) continue;
    if (r.candidates.every((c) => c.fullScore === null)) continue;
    planned += r.plannedCalls;
    spent += r.costs.calls;
  }
  if (planned === 0) return 1;
  return Math.min(1.5, Math.max(0.3, spent / planned));
}

/**
 * Sizes a phase to the budget, in calls (a time budget arrives as the calls it affords). A run
 * that spends its budget in the middle of a phase loses that phase's unfinished work, and the
 * first compilation and prompt phases bring most of a run's gain, so the plan is, with estimates
 * scaled by this run's cost ratio:
 * - the whole phase when what is left also covers the next phase at its smallest;
 * - otherwise what is left less the next phase at its smallest, when this phase fits in that at
 *   its smallest (two useful phases beat one large one: instructions and demos help each other);
 * - otherwise all that is left (one useful phase beats two that cannot finish); a phase after a
 *   run's first that all that is left cannot finish even at its smallest is not started at all
 *   (unfinishable-phase.ts).
 * A phase over its allowance shrinks its search — fewer candidates, then smaller minibatches,
 * then one finalist — down to a useful minimum. Without a limit the settings are unchanged.
 * Deterministic in its inputs, so under a call budget a resumed run plans exactly as an
 * uninterrupted one (under a time budget the calls afforded depend on the measured pace).
 */
export function planPhase(config: CopaConfig, input: PhasePlanInput): CopaConfig {
  if (!Number.isFinite(input.remainingCalls)) return config;
  return shrinkTo(config, input, phaseAllowance(config, input) / (input.costRatio ?? 1));
}

/** The calls this phase may plan to spend (in real calls, before scaling by the cost ratio). */
export function phaseAllowance(config: CopaConfig, input: PhasePlanInput): number {
  const left = input.remainingCalls;
  if (input.phasesLeft <= 1) return left;
  const ratio = input.costRatio ?? 1;
  // The next phase as it will be planned: from scratch (not provisional, not bootstrapped), so
  // it can shrink everything its own plan will, the prompt phase's failure probe included.
  const { provisional: _p, bootstrapped: _b, ...rest } = input;
  const next: PhasePlanInput = {
    ...rest,
    kind: input.kind === 'compilation' ? 'prompt' : 'compilation',
    unscoredIncumbent: false,
  };
  const smallestNext = smallestPhaseCalls(config, next) * ratio;
  if (left >= estimatePhaseCalls(config, input) * ratio + smallestNext) return left;
  const smallestThis = smallestPhaseCalls(config, input) * ratio;
  return left - smallestNext >= smallestThis ? left - smallestNext : left;
}

/** Expected model calls of a phase with its search shrunk to its useful minimum. */
export function smallestPhaseCalls(config: CopaConfig, input: PhasePlanInput): number {
  return estimatePhaseCalls(shrinkTo(config, input, 0), input);
}

/** The settings shrunk step by step until the phase's estimate fits `allowance` (or is minimal). */
function shrinkTo(config: CopaConfig, input: PhasePlanInput, allowance: number): CopaConfig {
  const plan = { ...config };
  const fewerCandidates = (): boolean => {
    if (input.kind === 'compilation' && plan.demoCandidates > 3) return !!plan.demoCandidates--;
    if (input.kind === 'prompt' && plan.instructionCandidates > 2)
      return !!plan.instructionCandidates--;
    return false;
  };
  const smallerMinibatches = (): boolean => plan.minibatchSize > 10 && !!(plan.minibatchSize -= 5);
  const fewerFinalists = (): boolean => plan.finalists > 1 && !!plan.finalists--;
  const shrinkers: (() => boolean)[] = input.provisional
    ? [fewerFinalists, smallerMinibatches, fewerCandidates]
    : [
        fewerCandidates,
        smallerMinibatches,
        fewerFinalists,
        () =>
          input.kind === 'prompt' && plan.failureProbeSize > 4 && !!(plan.failureProbeSize -= 4),
      ];
  while (estimatePhaseCalls(plan, input) > allowance) {
    if (!shrinkers.some((shrink) => shrink())) break;
  }
  return plan;
}
