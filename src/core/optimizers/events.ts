import type { BudgetFit } from './budget-fit';
import type { BudgetRemaining, UsageTotals } from '../usage';
import type { CostEstimate } from './cost-estimate';
import type {
  CandidateRecord,
  CurvePoint,
  DropReason,
  PhaseKind,
  PhaseRecord,
  StopReason,
} from './records';
import type { JsonObject } from '../json';
import type { ProgramState } from '../program';
import type { ValidationSample } from './selection-set';

/** Everything the UI shows about a run, as it happens. Plain JSON (crosses the worker boundary). */
export type RunEvent =
  | {
      type: 'run-started';
      method: string;
      config: JsonObject;
      estimate: CostEstimate;
      /** Set when resuming: the phase the run continues with. */
      resumedAtPhase?: number;
      /**
       * The run's wall time so far, as the time budget counts it: a resumed run's time before
       * (paused time not counted). The page ticks its elapsed time on from it.
       */
      wallMs?: number;
      /**
       * Set when a tight budget has the run select on fewer validation examples than it has
       * (see selection-set.ts): how many, out of how many.
       */
      selection?: ValidationSample;
    }
  | {
      type: 'baseline';
      score: number;
      examples: number;
      /** The program the run started from (what the phases' changes are measured against). */
      program?: ProgramState;
      /**
       * True when `examples` are minibatch examples, fewer than the validation set: the start
       * program was not scored in full (a candidate was clearly ahead of it).
       */
      partial?: boolean;
      /** In a stored run's replay: the sample it selected on (its run-started is not replayed). */
      selection?: ValidationSample;
    }
  | {
      type: 'phase-started';
      index: number;
      kind: PhaseKind;
      cycle: number;
      /** How the phase was sized to the budget left, when the plan changed its settings. */
      fit?: BudgetFit;
    }
  | { type: 'bootstrap-progress'; phase: number; attempts: number; successes: number }
  | {
      type: 'candidate-proposed';
      phase: number;
      candidate: CandidateRecord;
    }
  | {
      type: 'candidate-scored';
      phase: number;
      candidateId: string;
      stage: 'minibatch' | 'full';
      score: number;
      examples: number;
    }
  | {
      type: 'candidate-dropped';
      phase: number;
      candidateId: string;
      minibatchScore: number;
      reason: DropReason;
    }
  | {
      type: 'decision';
      phase: number;
      accepted: boolean;
      candidateId: string | null;
      score: number;
      /** The phase's starting program's validation score, as the phase's selection measured it. */
      incumbentScore: number;
      /** Examples that score rests on, when fewer than the whole validation set. */
      incumbentExamples?: number;
      reason: string;
    }
  | { type: 'insight'; phase: number; kind: PhaseKind; text: string }
  | { type: 'budget'; totals: UsageTotals; remaining: BudgetRemaining }
  | {
      type: 'phase-finished';
      record: PhaseRecord;
      /** The best program after the phase (its demos and instructions, for the UI's phase card). */
      program?: ProgramState;
    }
  | {
      type: 'run-finished';
      method: string;
      reason: StopReason;
      bestScore: number;
      baselineScore: number;
      totals: UsageTotals;
      message?: string;
      /**
       * Examples baselineScore rests on, when fewer than the validation set (minibatch examples);
       * 0 when the run stopped before the start program was scored: baselineScore means nothing.
       */
      baselineExamples?: number;
      /**
       * Examples bestScore rests on when the run returns its start program scored on minibatches
       * only (no candidate beat it; partialBestExamples). Absent: a full score.
       */
      bestExamples?: number;
      /**
       * The learning curve, every full evaluation's best score so far: finer than the one a
       * view pieces together from phase ends, and what a reopened run's chart shows too.
       */
      curve?: CurvePoint[];
      /**
       * The candidate of the phase the stop cut short that the run returns: a finalist that
       * phase had already proved better than its start (its card said "…" for good).
       */
      keptCandidate?: string;
    };

export type RunEventListener = (event: RunEvent) => void;
