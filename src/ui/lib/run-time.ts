import type { CostEstimate } from '../../core/optimizers/cost-estimate';
import { runSeconds, TYPICAL_IGPU_SPEED, type ModelSpeed } from '../../core/time-estimate';
import type { UsageSummary } from '../../worker/api';

/** What the page says about a run's length before it starts. */
export interface RunTimeWords {
  /** Minutes as shown, e.g. "about 24 min"; empty when unknown. */
  duration: string;
  /** Where the speed comes from, in a sentence. */
  basis: string;
  /** The estimate is over the time budget: the run will shrink its search to fit it. */
  cutByBudget: boolean;
}

/** "under a minute", "about 24 min", "about 1.6 h". */
export function durationWords(seconds: number): string {
  if (seconds < 60) return 'under a minute';
  if (seconds < 90 * 60) return `about ${Math.round(seconds / 60)} min`;
  return `about ${(seconds / 3600).toFixed(1)} h`;
}

/** The speed to estimate with: the warm-up's, else the average of the calls made so far. */
export function speedOf(
  measured: ModelSpeed | null,
  usage: UsageSummary | null,
): ModelSpeed | null {
  if (measured) return measured;
  if (usage?.prefillTokensPerS && usage.decodeTokensPerS)
    return {
      prefillTokensPerS: usage.prefillTokensPerS,
      decodeTokensPerS: usage.decodeTokensPerS,
      secondsPerCall: 0,
    };
  return null;
}

/**
 * The run's length in minutes: at the measured speed for a real model; for the stand-in, what
 * the same calls would take on a typical integrated GPU with a 0.5B model, said to be that.
 */
export function runTimeWords(
  estimate: CostEstimate,
  engine: { standIn: boolean; speed: ModelSpeed | null },
  maxWallMs?: number,
): RunTimeWords {
  const speed = engine.standIn ? TYPICAL_IGPU_SPEED : engine.speed;
  if (!speed)
    return {
      duration: '',
      basis: "the time is estimated once a real model's speed is measured on this machine",
      cutByBudget: false,
    };
  const seconds = runSeconds(estimate, speed);
  const basis = engine.standIn
    ? `on a typical integrated GPU with a 0.5B model (reading ${speed.prefillTokensPerS} tokens/s, ` +
      `writing ${speed.decodeTokensPerS} tokens/s, ${speed.secondsPerCall} s per call), not ` +
      'with the stand-in, which answers at once'
    : 'at the speed measured on this machine';
  return {
    duration: durationWords(seconds),
    basis,
    cutByBudget: maxWallMs !== undefined && maxWallMs > 0 && seconds * 1000 > maxWallMs,
  };
}

/** What the page says about a run's first cycle before it starts. */
export interface FirstCycleWords {
  calls: number;
  /** "about 20 min"; empty when the speed is unknown. */
  duration: string;
  /** The first cycle alone is over the call or time budget: the run shrinks it to fit. */
  overBudget: boolean;
}

/** The first cycle's cost in words, against the run's call and time budgets (0 or none: none). */
export function firstCycleWords(
  firstCycle: CostEstimate,
  engine: { standIn: boolean; speed: ModelSpeed | null },
  budget: { maxCalls?: number | undefined; maxWallMs?: number | undefined } = {},
): FirstCycleWords {
  const time = runTimeWords(firstCycle, engine, budget.maxWallMs);
  const maxCalls = budget.maxCalls ?? 0;
  return {
    calls: firstCycle.lmCalls,
    duration: time.duration,
    overBudget: time.cutByBudget || (maxCalls > 0 && firstCycle.lmCalls > maxCalls),
  };
}
