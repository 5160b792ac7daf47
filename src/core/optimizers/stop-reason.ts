import type { CopaCheckpoint } from './checkpoint';
import type { CopaConfig } from './copa-config';
import type { StopReason } from './records';
import { standardError } from './selection';

/**
 * Whether the run stops after phase `index`: after any phase, when the program scores full
 * marks on every validation example (only a strict improvement is accepted, so every later
 * call would be spent for nothing); at the end of each cycle, when nothing changed in the
 * cycle, the cycle improved less than max(minImprovement, one standard error of the
 * validation score), or the last cycle is done.
 */
export function stopReasonOf(
  cp: CopaCheckpoint,
  config: CopaConfig,
  index: number,
): StopReason | null {
  if (cp.exampleScores.length > 0 && cp.exampleScores.every((s) => s >= 1)) return 'perfect';
  if (index % 2 === 0) return null;
  const cycle = cp.history.slice(-2);
  if (!cycle.some((r) => r.accepted)) return 'no-change';
  const threshold = Math.max(config.minImprovement, standardError(cp.exampleScores));
  if (!startEstimated(cp, index) && cp.bestScore - cp.cycleStartScore < threshold)
    return 'converged';
  if (index + 1 >= config.cycles * 2) return 'cycles-done';
  return null;
}

/**
 * True when the first cycle ends (phase `index` 1) and its start score is the start program's
 * minibatch estimate: the start program was never scored in full, as every candidate the cycle
 * accepted was clearly ahead of it on a minibatch (selection.ts). A full score less that
 * estimate compares scores on different examples (an easy minibatch makes a real gain look like
 * none), so it cannot say the cycle improved too little; the acceptance on paired examples said
 * it improved. Later cycles start from a full score.
 */
function startEstimated(cp: CopaCheckpoint, index: number): boolean {
  return (
    index === 1 &&
    cp.baselineExamples !== undefined &&
    cp.baselineExamples < cp.exampleScores.length
  );
}
