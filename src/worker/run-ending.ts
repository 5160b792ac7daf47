import type { CopaCheckpoint } from '../core/optimizers/checkpoint';
import type { CopaResult } from '../core/optimizers/copa';

/**
 * The state a run ended in, in the shape of a checkpoint: its last finished phase's, with what
 * the run did after it. A run cut short inside a phase (its budget spent, or cancelled) keeps
 * its checkpoint at the last finished phase, for resuming; a run that has ended is not resumed,
 * and its report, listing and results must say what happened: every call it made, why it
 * stopped and the program it saved.
 */
export function endingCheckpoint(result: CopaResult): CopaCheckpoint {
  return {
    ...result.checkpoint,
    finished: result.stopReason,
    totals: result.totals,
    curve: result.curve,
    program: result.program,
    bestScore: result.bestScore,
    exampleScores: result.exampleScores,
  };
}
