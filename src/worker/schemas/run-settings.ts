import * as v from 'valibot';
import { CopaError } from '../../core/errors';
import type { CopaConfig } from '../../core/optimizers/copa-config';

/**
 * The range of every run setting, enforced in the worker for every request (overview, start,
 * resume), not only in the form: one huge value (Cycles = 100000000000) would otherwise keep
 * the worker busy for good, since the cost estimate walks each cycle. Wide enough for any run
 * a browser can finish; `label` is what the form calls the setting.
 */
export const RUN_SETTING_RANGES = {
  seed: { label: 'Seed', min: -(2 ** 31), max: 2 ** 32 - 1, whole: true },
  cycles: { label: 'Cycles', min: 1, max: 50, whole: true },
  maxBootstrappedDemos: { label: 'Bootstrapped demos', min: 0, max: 32, whole: true },
  maxLabeledDemos: { label: 'Labeled demos', min: 0, max: 64, whole: true },
  demoTokenBudget: { label: 'Demo token budget', min: 0, max: 100_000, whole: true },
  bootstrapPatience: { label: 'Bootstrap patience', min: 0, max: 10_000, whole: true },
  proposerExampleTokens: { label: 'Proposer example tokens', min: 0, max: 100_000, whole: true },
  maxRounds: { label: 'Bootstrap rounds', min: 1, max: 20, whole: true },
  demoCandidates: { label: 'Demo-set candidates', min: 0, max: 64, whole: true },
  instructionCandidates: { label: 'Instruction candidates', min: 0, max: 64, whole: true },
  minibatchSize: { label: 'Minibatch size', min: 1, max: 5_000, whole: true },
  finalists: { label: 'Finalists', min: 1, max: 64, whole: true },
  acceptMargin: { label: 'Acceptance margin', min: 0, max: 10, whole: false },
  minImprovement: { label: 'Minimum improvement', min: -1, max: 1, whole: false },
  maxRetries: { label: 'Retries', min: 0, max: 10, whole: true },
  failureProbeSize: { label: 'Failure probe size', min: 0, max: 5_000, whole: true },
  maxInstructionChars: { label: 'Instruction length', min: 1, max: 20_000, whole: true },
  metricThreshold: { label: 'Metric threshold', min: 0, max: 1, whole: false },
} as const;

export const BUDGET_RANGES = {
  maxCalls: { label: 'Max model calls', min: 0, max: 10_000_000, whole: true },
  maxTokens: { label: 'Max tokens', min: 0, max: 10_000_000_000, whole: true },
  maxWallMs: { label: 'Max time', min: 0, max: 30 * 24 * 3_600_000, whole: true },
} as const;

type Range = { label: string; min: number; max: number; whole: boolean };

function bounded(r: Range): v.GenericSchema<number> {
  const words = `${r.label} must be ${r.whole ? 'a whole number ' : ''}from ${r.min.toLocaleString('en')} to ${r.max.toLocaleString('en')}`;
  return v.pipe(
    v.number(`${r.label} must be a number`),
    v.check((n) => Number.isFinite(n) && (!r.whole || Number.isInteger(n)), words),
    v.minValue(r.min, words),
    v.maxValue(r.max, words),
  );
}

const numbers = (
  ranges: Record<string, Range>,
): Record<string, v.GenericSchema<number | undefined>> =>
  Object.fromEntries(Object.entries(ranges).map(([k, r]) => [k, v.optional(bounded(r))]));

const runSettings = v.looseObject({
  ...numbers(RUN_SETTING_RANGES),
  startWith: v.optional(v.picklist(['compilation', 'prompt'], 'Start with must be a phase')),
  stepMode: v.optional(v.boolean('Step mode must be on or off')),
  budget: v.optional(v.looseObject(numbers(BUDGET_RANGES))),
});

/** A run setting is out of its range; the message names the setting and the range. */
export class RunSettingsError extends CopaError {
  constructor(message: string) {
    super('RunSettingsError', message);
  }
}

/** Checks a request's settings against RUN_SETTING_RANGES; throws RunSettingsError. */
export function checkRunSettings(config: unknown): Partial<CopaConfig> {
  if (config === undefined) return {};
  const parsed = v.safeParse(runSettings, config);
  if (!parsed.success)
    throw new RunSettingsError(
      `${parsed.issues[0]?.message ?? 'The run settings are not valid'} (got ${String(parsed.issues[0]?.input)}). Change it and try again.`,
    );
  return parsed.output as Partial<CopaConfig>;
}
