import { COPA_SETTING_RANGES, inRange, rangeWords, type SettingRange } from './copa-setting-ranges';
import type { Budget } from '../usage';

/** Settings of a COPA run. Every field has a default (DEFAULT_COPA_CONFIG). */
export interface CopaConfig {
  seed: number;
  /** One cycle = one compilation phase + one prompt phase. */
  cycles: number;
  startWith: 'compilation' | 'prompt';
  maxBootstrappedDemos: number;
  maxLabeledDemos: number;
  /**
   * Estimated tokens the demos of one predictor may take; demos past it are left out, so 16
   * labeled demos cannot crowd a small model's context window (4,096 tokens for the catalog's).
   */
  demoTokenBudget: number;
  /** A bootstrap walk stops after this many failed attempts in a row. */
  bootstrapPatience: number;
  /**
   * Estimated tokens of labeled training examples shown to the instruction proposer, besides the
   * share of `demoTokenBudget` the predictor's own demos leave unused (prompt-phase.ts).
   */
  proposerExampleTokens: number;
  /** Bootstrap attempts per training example; rounds after the first sample at temperature 1. */
  maxRounds: number;
  /**
   * Demo-set candidates per compilation phase: empty, labeled-only and unshuffled bootstrap
   * (a later phase: extended, bootstrap with the current instruction, labeled-only, empty), then
   * shuffled bootstraps. The default, 4, comes from `npm run bench` (three simulated models, 21
   * task-model pairs, seeds 0-4 and again 5-14; README): against 6 it kept the mean test gain
   * over zero-shot (COPA at the joint search's calls +0.024 against +0.022 on the public samples,
   * +0.476 against +0.471 on the built-in tasks; default COPA within 0.002 of 6 on both), with
   * a median 12-15% fewer calls per default run, and reached the best baseline's validation
   * score with fewer calls on 19 and 17 of the 21 pairs: the two extra shuffled bootstraps cost
   * calls that bought no test score there. The baselines keep 6 (BASELINE_DEFAULTS).
   */
  demoCandidates: number;
  /** New instructions proposed per prompt phase (the current one is always a candidate too). */
  instructionCandidates: number;
  /** Validation examples per minibatch round of successive halving. */
  minibatchSize: number;
  /**
   * Candidates that survive halving and are scored on the full validation set. The default, 2
   * (it was 3), from `npm run bench` (seeds 0-14, 21 task-model pairs, with 4 demo sets): the
   * same test gain over zero-shot (default COPA +0.027 on the public samples and +0.491 on the
   * built-in tasks either way; at matched calls +0.025 and +0.476 against +0.024 and +0.476),
   * with 10% fewer calls per default run.
   */
  finalists: number;
  /**
   * Beyond a strict improvement, a candidate must beat the incumbent by this many standard
   * errors of the paired per-example differences on the validation set. The default, 0 (any
   * strict improvement, as DSPy), comes from `npm run study:acceptance`: across the bench's
   * tasks and simulated models a 1-SE margin rejected 71% of gains that were real on held-back
   * data while its accepts were wrong about as often (16% against 18%), so it kept less of the
   * test gain than the strict rule (see README).
   */
  acceptMargin: number;
  /** A cycle must improve by at least max(this, one standard error) to continue. */
  minImprovement: number;
  /** Constraint retries per call (the violation is fed back to the model). */
  maxRetries: number;
  budget: Budget;
  /** Pause after every phase (the UI's teaching mode). */
  stepMode: boolean;
  /** Training examples probed for failures at the start of a prompt phase. */
  failureProbeSize: number;
  /** Proposed instructions longer than this are cut (characters). */
  maxInstructionChars: number;
  /** A bootstrap trace passes when the metric reaches this score. */
  metricThreshold: number;
}

export const DEFAULT_COPA_CONFIG: CopaConfig = Object.freeze({
  seed: 0,
  cycles: 3,
  startWith: 'compilation',
  maxBootstrappedDemos: 4,
  maxLabeledDemos: 16,
  demoTokenBudget: 1200,
  bootstrapPatience: 12,
  proposerExampleTokens: 1200,
  maxRounds: 1,
  demoCandidates: 4,
  instructionCandidates: 5,
  minibatchSize: 25,
  finalists: 2,
  acceptMargin: 0,
  minImprovement: 0.01,
  maxRetries: 2,
  budget: Object.freeze({}),
  stepMode: false,
  failureProbeSize: 12,
  maxInstructionChars: 600,
  metricThreshold: 1,
}) as CopaConfig;

/** The numeric settings of a COPA run. */
type NumericCopaSetting = {
  [K in keyof CopaConfig]: CopaConfig[K] extends number ? K : never;
}[keyof CopaConfig];

// Every numeric setting has a range: checked when compiling (the unit test checks the converse).
const RANGES: Readonly<Record<NumericCopaSetting, SettingRange>> = COPA_SETTING_RANGES;
const RANGE_KEYS = Object.keys(RANGES) as NumericCopaSetting[];

/** The defaults with the given fields replaced, checked for sane values. */
export function resolveCopaConfig(partial: Partial<CopaConfig> = {}): CopaConfig {
  const config: CopaConfig = { ...DEFAULT_COPA_CONFIG, ...partial, budget: { ...partial.budget } };
  for (const key of RANGE_KEYS) {
    const range = RANGES[key];
    const value: unknown = config[key];
    if (!inRange(range, value))
      throw new RangeError(`COPA setting "${key}": ${rangeWords(range)} (got ${String(value)}).`);
  }
  return config;
}
