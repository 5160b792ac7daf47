/** The allowed values of one numeric setting, and what the settings form calls it. */
export interface SettingRange {
  readonly label: string;
  readonly min: number;
  readonly max: number;
  readonly whole: boolean;
}

/**
 * The range of every numeric run setting: the one table both the library (resolveCopaConfig)
 * and the worker's request check read. copa-config.ts checks at compile time that it names
 * every numeric setting, a unit test that it names nothing else. The upper bounds matter in the
 * worker: one huge value (Cycles = 100000000000) would keep it busy for good, since the cost
 * estimate walks each cycle. Wide enough for any run a browser can finish.
 */
export const COPA_SETTING_RANGES = {
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
} as const satisfies Record<string, SettingRange>;

/** The ranges of a run's budget (0 = no limit). */
export const BUDGET_RANGES: Readonly<Record<string, SettingRange>> = {
  maxCalls: { label: 'Max model calls', min: 0, max: 10_000_000, whole: true },
  maxTokens: { label: 'Max tokens', min: 0, max: 10_000_000_000, whole: true },
  maxWallMs: { label: 'Max time', min: 0, max: 30 * 24 * 3_600_000, whole: true },
};

/** "Cycles must be a whole number from 1 to 50": what a value outside the range breaks. */
export function rangeWords(range: SettingRange): string {
  const kind = range.whole ? 'a whole number ' : '';
  return `${range.label} must be ${kind}from ${range.min.toLocaleString('en')} to ${range.max.toLocaleString('en')}`;
}

/** Whether a value is a finite number in the range (whole when the range asks for it). */
export function inRange(range: SettingRange, value: unknown): value is number {
  return (
    typeof value === 'number' &&
    Number.isFinite(value) &&
    (!range.whole || Number.isInteger(value)) &&
    value >= range.min &&
    value <= range.max
  );
}
