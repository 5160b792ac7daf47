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
  if (cp.bestScore - cp.cycleStartScore < threshold) return 'converged';
  if (index + 1 >= config.cycles * 2) return 'cycles-done';
  return null;
}
