import { modelCallsPerScore } from '../metric';
import type { Program } from '../program';
import type { ModelSpeed } from '../time-estimate';
import { budgetFitOf, type BudgetFit } from './budget-fit';
import { costRatioOf, estimatePhaseCalls, planPhase, type PhasePlanInput } from './budget-plan';
import type { CopaConfig } from './copa-config';
import type { PromptSize } from './prompt-size';
import type { PhaseKind, PhaseRecord } from './records';
import type { OptimizerSession } from './session';
import { callsInTime, expectedCallMs, expectedPromptTokens } from './time-plan';

/** What the plan of the next phase is made from. */
export interface NextPhase {
  session: OptimizerSession;
  /** The run's settings. */
  config: CopaConfig;
  kind: PhaseKind;
  phasesLeft: number;
  incumbent: Program;
  /** The incumbent has no full validation score yet (the run's first phase). */
  unscoredIncumbent: boolean;
  history: readonly PhaseRecord[];
  valSize: number;
  trainSize: number;
  promptSize: PromptSize | null;
  speed: ModelSpeed | null;
}

export interface PhasePlan {
  input: PhasePlanInput;
  /** The settings the phase runs with. */
  config: CopaConfig;
  /** What the plan changed to fit the budget, and which limit bound it. */
  fit: BudgetFit | null;
  /** The limit that set the calls the plan had (the call limit's when neither binds). */
  limit: BudgetFit['limit'];
}

/**
 * The next phase's settings sized to the budget left: the call limit's calls, or the calls the
 * time left affords at the pace this phase's prompts should go, whichever is fewer.
 */
export function planNextPhase(next: NextPhase, bootstrapped = false): PhasePlan {
  const { config, kind, incumbent } = next;
  const left = callsLeft(next);
  const input: PhasePlanInput = {
    kind,
    remainingCalls: left.calls,
    phasesLeft: next.phasesLeft,
    valSize: next.valSize,
    trainSize: next.trainSize,
    // A metric that asks the model (an LLM judge) adds its calls to every program run.
    steps: incumbent.steps.length + modelCallsPerScore(next.session.metric),
    unscoredIncumbent: next.unscoredIncumbent,
    costRatio: costRatioOf(next.history),
    ...(bootstrapped ? { bootstrapped } : {}),
    ...(kind === 'compilation' && !bootstrapped ? { provisional: true } : {}),
  };
  const planned = planPhase(config, input);
  return {
    input,
    config: planned,
    fit: budgetFitOf(config, planned, left.limit),
    limit: left.limit,
  };
}

/**
 * The calls the budget left affords the next phase: the call limit's, or the calls the time left
 * affords at the pace this phase's prompts should go, whichever is fewer (Infinity: no limit).
 */
export function callsLeft(
  next: Pick<NextPhase, 'session' | 'config' | 'kind' | 'incumbent' | 'promptSize' | 'speed'>,
): { calls: number; limit: BudgetFit['limit'] } {
  const { session, config, kind, incumbent } = next;
  const left = session.lm.remaining();
  const callMs = expectedCallMs({
    pace: session.lm.pace(),
    promptTokens: expectedPromptTokens(kind, incumbent, config, next.promptSize) ?? 0,
    speed: next.speed,
    answerTokens: next.promptSize?.answerTokens,
  });
  const byTime = callsInTime(left.wallMs, callMs);
  return { calls: Math.min(left.calls, byTime), limit: byTime < left.calls ? 'time' : 'calls' };
}

/**
 * A compilation phase's selection planned again once bootstrapping is done. By then the run has
 * a pace of its own even in its first phase, whose first plan had only the warm-up's speed: the
 * selection is sized to what is really left, keeping at most the demo sets the first plan built.
 */
export function replanSelection(next: NextPhase, first: PhasePlan): PhasePlan {
  const again = planNextPhase(next, true);
  const config = {
    ...again.config,
    demoCandidates: Math.min(again.config.demoCandidates, first.config.demoCandidates),
  };
  const limit = again.fit?.limit ?? first.fit?.limit ?? 'calls';
  return {
    input: again.input,
    config,
    fit: budgetFitOf(next.config, config, limit),
    limit: again.limit,
  };
}

/**
 * Calls the plans expected of a phase: its bootstrapping as first planned and, when it was
 * planned again, its selection as then planned (what the phase's cost is compared with).
 */
export function plannedCalls(first: PhasePlan, again: PhasePlan | null): number {
  const whole = estimatePhaseCalls(first.config, first.input);
  if (!again) return whole;
  const selection = (plan: PhasePlan): number =>
    estimatePhaseCalls(plan.config, { ...plan.input, bootstrapped: true });
  return whole - selection(first) + selection(again);
}
