import { CopaError } from '../errors';
import { jsonCopy } from '../json';
import type { ProgramState } from '../program';
import type { UsageTotals } from '../usage';
import type { CopaConfig } from './copa-config';
import type { Insight } from './insight';
import type { CurvePoint, PhaseRecord, ScoredInstruction, StopReason } from './records';
import type { ValidationSample } from './selection-set';

export const COPA_CHECKPOINT_VERSION = 1;

/**
 * The whole state of a COPA run between phases, as plain JSON. Every random choice is derived
 * from the seed and the phase index, so this is all a run needs to continue exactly.
 */
export interface CopaCheckpoint {
  version: 1;
  config: CopaConfig;
  /** The phase the run continues with; -1 when the baseline was not scored yet. */
  nextPhase: number;
  program: ProgramState;
  bestScore: number;
  baselineScore: number;
  /**
   * Validation examples the baseline score rests on, while fewer than all: the start program is
   * scored like a candidate, in full only when a decision needs it. Absent: the whole set.
   */
  baselineExamples?: number;
  /**
   * The validation examples the run selects on, out of how many, when a tight budget keeps fewer
   * than all (a seeded sample, see selection-set.ts; a resumed run takes the same one). Absent:
   * the whole set.
   */
  selection?: ValidationSample;
  /** Per-example validation scores of the best program. */
  exampleScores: number[];
  datasetSummary: string;
  insight: Insight | null;
  instructionHistory: Record<string, ScoredInstruction[]>;
  history: PhaseRecord[];
  /** Best score when the current cycle began. */
  cycleStartScore: number;
  totals: UsageTotals;
  curve: CurvePoint[];
  constraintViolations: number;
  /** Set when the run has ended for good (not paused). */
  finished: StopReason | null;
  /**
   * A random tag for this run, stored with each of its answers in the cache: a run resumed
   * after an interruption inside a phase counts the answers it had paid for there as calls
   * (session.ts). Absent in checkpoints of older versions.
   */
  runTag?: string;
}

/**
 * Validation examples the baseline score of a checkpoint rests on, when fewer than all (0: the
 * start program has not been scored yet, so its baselineScore means nothing); undefined when it
 * was scored on the whole validation set. A checkpoint's exampleScores are the best program's
 * full scores, or none while no program was scored in full.
 */
export function partialBaselineExamples(cp: CopaCheckpoint): number | undefined {
  const known = cp.baselineExamples;
  if (known === undefined) return undefined;
  const all = cp.exampleScores.length;
  return all === 0 || known < all ? known : undefined;
}

/**
 * Validation examples a checkpoint's best score rests on when it is the start program's
 * minibatch estimate: no program has been scored in full (no candidate beat the start program
 * on the validation set, and no decision needed its full score). Undefined when the best score
 * is a full score, or when nothing has been scored yet (baselineExamples 0).
 */
export function partialBestExamples(cp: {
  baselineExamples?: number | undefined;
  exampleScores: readonly unknown[];
}): number | undefined {
  const known = cp.baselineExamples;
  return cp.exampleScores.length === 0 && known !== undefined && known > 0 ? known : undefined;
}

/** A checkpoint could not be used (wrong shape, version or a different task). */
export class CheckpointError extends CopaError {
  constructor(message: string) {
    super('CheckpointError', message);
  }
}

/** Checks the shape of a checkpoint read from storage. */
export function assertCheckpoint(value: unknown): asserts value is CopaCheckpoint {
  const v = value as Partial<CopaCheckpoint> | null;
  if (!v || typeof v !== 'object' || v.version !== COPA_CHECKPOINT_VERSION)
    throw new CheckpointError(
      'This saved run cannot be resumed: it was written by another version of COPA. Start a new run.',
    );
  if (typeof v.nextPhase !== 'number' || !v.program || !Array.isArray(v.history) || !v.config)
    throw new CheckpointError(
      'This saved run is incomplete and cannot be resumed. Start a new run.',
    );
}

/** A deep copy as plain JSON (what is handed to onCheckpoint and stored). */
export function snapshot(cp: CopaCheckpoint): CopaCheckpoint {
  return jsonCopy(cp);
}
