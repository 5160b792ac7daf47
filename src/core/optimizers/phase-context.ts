import type { CopaConfig } from './copa-config';
import type { Insight } from './insight';
import type { PhaseRecord, ScoredInstruction } from './records';
import type { Incumbent } from './candidate-pool';
import type { OptimizerSession, OptimizerTask } from './session';

/** Everything a phase needs; phases read it and return what changed. */
export interface PhaseContext {
  session: OptimizerSession;
  task: OptimizerTask;
  config: CopaConfig;
  index: number;
  cycle: number;
  incumbent: Incumbent;
  /** The previous phase's insight (null for the first phase). */
  insight: Insight | null;
  datasetSummary: string;
  /** Earlier instructions per predictor with their validation scores (full or minibatch). */
  instructionHistory: Record<string, ScoredInstruction[]>;
  /**
   * A compilation phase's settings for its selection, planned again once bootstrapping is done
   * (see replanSelection); without it the phase keeps `config`.
   */
  replanSelection?: () => CopaConfig;
}

export interface PhaseOutcome {
  incumbent: Incumbent;
  /** The phase's starting program as selection scored it (see SelectionOutcome.before). */
  before: Incumbent;
  record: PhaseRecord;
  insight: Insight;
}
