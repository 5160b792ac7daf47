import type { CopaCheckpoint } from './checkpoint';
import type { CopaConfig } from './copa-config';
import type { StopReason } from './records';
import { standardError } from './selection';

/**
 * Whether the run stops after phase `index` (checked at the end of each cycle): nothing
 * changed in the cycle, the cycle improved less than max(minImprovement, one standard error
 * of the validation score), or the last cycle is done.
 */
export function stopReasonOf(
  cp: CopaCheckpoint,
  config: CopaConfig,
  index: number,
): StopReason | null {
  if (index % 2 === 0) return null;
  const cycle = cp.history.slice(-2);
  if (!cycle.some((r) => r.accepted)) return 'no-change';
  const threshold = Math.max(config.minImprovement, standardError(cp.exampleScores));
  if (cp.bestScore - cp.cycleStartScore < threshold) return 'converged';
  if (index + 1 >= config.cycles * 2) return 'cycles-done';
  return null;
}
