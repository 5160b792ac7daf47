import type { Program } from '../program';
import type { ModelSpeed } from '../time-estimate';
import { budgetFitOf, type BudgetFit } from './budget-fit';
import { costRatioOf, planPhase, type PhasePlanInput } from './budget-plan';
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
}

/**
 * The next phase's settings sized to the budget left: the call limit's calls, or the calls the
 * time left affords at the pace this phase's prompts should go, whichever is fewer.
 */
export function planNextPhase(next: NextPhase): PhasePlan {
  const { session, config, kind, incumbent } = next;
  const left = session.lm.remaining();
  const callMs = expectedCallMs({
    pace: session.lm.pace(),
    promptTokens: expectedPromptTokens(kind, incumbent, config, next.promptSize) ?? 0,
    speed: next.speed,
  });
  const byTime = callsInTime(left.wallMs, callMs);
  const input: PhasePlanInput = {
    kind,
    remainingCalls: Math.min(left.calls, byTime),
    phasesLeft: next.phasesLeft,
    valSize: next.valSize,
    trainSize: next.trainSize,
    steps: incumbent.steps.length,
    unscoredIncumbent: next.unscoredIncumbent,
    costRatio: costRatioOf(next.history),
  };
  const planned = planPhase(config, input);
  return {
    input,
    config: planned,
    fit: budgetFitOf(config, planned, byTime < left.calls ? 'time' : 'calls'),
  };
}
