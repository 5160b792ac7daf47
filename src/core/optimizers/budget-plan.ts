import { bootstrapRuns, selectionRuns } from './cost-estimate';
import type { CopaConfig } from './copa-config';
import type { PhaseKind } from './records';

/** What the planner needs to know about the task and the budget left. */
export interface PhasePlanInput {
  kind: PhaseKind;
  /** Model calls the budget still allows (Infinity when there is no call limit). */
  remainingCalls: number;
  /** Phases left in the run, this one included. */
  phasesLeft: number;
  valSize: number;
  trainSize: number;
  steps: number;
}

/** Expected model calls of one phase with these settings (cold cache, an upper estimate). */
export function estimatePhaseCalls(config: CopaConfig, input: PhasePlanInput): number {
  const V = input.valSize;
  const runs =
    input.kind === 'compilation'
      ? bootstrapRuns(config, input.trainSize) +
        selectionRuns(config.demoCandidates, V, config.minibatchSize, config.finalists)
      : Math.min(config.failureProbeSize, input.trainSize) +
        config.instructionCandidates +
        selectionRuns(config.instructionCandidates, V, config.minibatchSize, config.finalists);
  return runs * input.steps;
}

/**
 * Sizes a phase to the call budget. With a call limit, a run that spent its budget in the
 * middle of a phase loses that phase's unfinished work, so each phase is planned to leave room
 * for the next one: when the phase would take more than half of what is left (or its share when
 * fewer phases remain), its search shrinks — fewer candidates, then smaller minibatches, then
 * one finalist — down to a useful minimum. Without a call limit the settings are unchanged.
 * Deterministic in its inputs, so a resumed run plans exactly as an uninterrupted one.
 */
export function planPhase(config: CopaConfig, input: PhasePlanInput): CopaConfig {
  if (!Number.isFinite(input.remainingCalls)) return config;
  const allowance = input.remainingCalls / Math.min(2, Math.max(1, input.phasesLeft));
  const plan = { ...config };
  const shrinkers: (() => boolean)[] = [
    () => {
      if (input.kind === 'compilation' && plan.demoCandidates > 3) return !!plan.demoCandidates--;
      if (input.kind === 'prompt' && plan.instructionCandidates > 2)
        return !!plan.instructionCandidates--;
      return false;
    },
    () => plan.minibatchSize > 10 && !!(plan.minibatchSize -= 5),
    () => plan.finalists > 1 && !!plan.finalists--,
    () => input.kind === 'prompt' && plan.failureProbeSize > 4 && !!(plan.failureProbeSize -= 4),
  ];
  while (estimatePhaseCalls(plan, input) > allowance) {
    if (!shrinkers.some((shrink) => shrink())) break;
  }
  return plan;
}
