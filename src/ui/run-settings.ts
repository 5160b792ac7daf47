import { DEFAULT_COPA_CONFIG, type CopaConfig } from '../core/optimizers/copa-config';
import {
  BUDGET_RANGES,
  COPA_SETTING_RANGES,
  inRange,
  rangeWords,
  type SettingRange,
} from '../core/optimizers/copa-setting-ranges';

/** The settings the Optimize screen offers; everything else keeps COPA's defaults. */
export interface RunSettings {
  cycles: number;
  /** Which phase each cycle runs first: demos (compilation) or the instruction (prompt). */
  startWith: 'compilation' | 'prompt';
  stepMode: boolean;
  seed: number;
  demoCandidates: number;
  instructionCandidates: number;
  maxBootstrappedDemos: number;
  /** Estimated tokens one predictor's demos may take (the rest are left out). */
  demoTokenBudget: number;
  /** 0 = no limit. */
  maxCalls: number;
  /** Time budget in minutes; 0 = no limit. */
  maxMinutes: number;
  /** Accept a candidate only when it wins by more than one standard error (else any gain). */
  clearGainsOnly: boolean;
}

/** COPA's own defaults where the screen offers the setting, so the two cannot drift apart. */
export const DEFAULT_RUN_SETTINGS: RunSettings = {
  cycles: DEFAULT_COPA_CONFIG.cycles,
  startWith: DEFAULT_COPA_CONFIG.startWith,
  stepMode: DEFAULT_COPA_CONFIG.stepMode,
  seed: DEFAULT_COPA_CONFIG.seed,
  demoCandidates: DEFAULT_COPA_CONFIG.demoCandidates,
  instructionCandidates: DEFAULT_COPA_CONFIG.instructionCandidates,
  maxBootstrappedDemos: DEFAULT_COPA_CONFIG.maxBootstrappedDemos,
  demoTokenBudget: DEFAULT_COPA_CONFIG.demoTokenBudget,
  maxCalls: 0,
  maxMinutes: 0,
  clearGainsOnly: false,
};

/** The settings the form offers as number boxes. */
export type NumericRunSetting =
  | 'cycles'
  | 'demoCandidates'
  | 'instructionCandidates'
  | 'maxBootstrappedDemos'
  | 'demoTokenBudget'
  | 'maxCalls'
  | 'maxMinutes'
  | 'seed';

const MAX_MINUTES = (BUDGET_RANGES.maxWallMs?.max ?? 0) / 60_000;

/**
 * What each number box accepts: the ranges the worker checks a run's settings against, named
 * as the form names them, so the form refuses what the worker would (and says so beside the box).
 */
export const RUN_SETTING_RANGES: Readonly<Record<NumericRunSetting, SettingRange>> = {
  cycles: COPA_SETTING_RANGES.cycles,
  demoCandidates: COPA_SETTING_RANGES.demoCandidates,
  instructionCandidates: COPA_SETTING_RANGES.instructionCandidates,
  maxBootstrappedDemos: {
    ...COPA_SETTING_RANGES.maxBootstrappedDemos,
    label: 'Max bootstrapped demos',
  },
  demoTokenBudget: COPA_SETTING_RANGES.demoTokenBudget,
  maxCalls: {
    label: 'Max model calls',
    min: 0,
    max: BUDGET_RANGES.maxCalls?.max ?? 0,
    whole: true,
  },
  maxMinutes: { label: 'Max minutes', min: 0, max: MAX_MINUTES, whole: false },
  seed: COPA_SETTING_RANGES.seed,
};

/** The budget limits, where 0 means none (said in their messages). */
const NO_LIMIT_AT_ZERO: readonly NumericRunSetting[] = ['maxCalls', 'maxMinutes'];

/**
 * What is wrong with each number box, in words that give the range allowed; empty when a run
 * can start. A box left blank or holding what the browser cannot read as a number ("1e400",
 * which would be Infinity) holds NaN: refused here, never read as "no limit".
 */
export function runSettingsProblems(s: RunSettings): Partial<Record<NumericRunSetting, string>> {
  const out: Partial<Record<NumericRunSetting, string>> = {};
  for (const [key, range] of Object.entries(RUN_SETTING_RANGES) as [
    NumericRunSetting,
    SettingRange,
  ][]) {
    const value: unknown = s[key];
    if (inRange(range, value)) continue;
    const zero = NO_LIMIT_AT_ZERO.includes(key) ? ' (0 = no limit)' : '';
    const got = typeof value === 'number' && Number.isFinite(value) ? `, not ${value}` : '';
    out[key] = `${rangeWords(range)}${zero}${got}.`;
  }
  return out;
}

/**
 * The COPA configuration a run gets from the settings (a limit of 0 sends no budget). Any other
 * limit is sent as it is, even one that is no number: the worker then refuses it by name, where
 * reading it as "no limit" would have run without the budget the user set.
 */
export function copaConfigOf(s: RunSettings): Partial<CopaConfig> {
  return {
    cycles: s.cycles,
    startWith: s.startWith,
    stepMode: s.stepMode,
    seed: s.seed,
    demoCandidates: s.demoCandidates,
    instructionCandidates: s.instructionCandidates,
    maxBootstrappedDemos: s.maxBootstrappedDemos,
    demoTokenBudget: s.demoTokenBudget,
    budget: {
      ...(s.maxCalls !== 0 ? { maxCalls: s.maxCalls } : {}),
      // Whole milliseconds, as the worker's range asks; a blank box (null) stays refused (NaN).
      ...(s.maxMinutes !== 0
        ? {
            maxWallMs: Number.isFinite(s.maxMinutes)
              ? Math.round(s.maxMinutes * 60_000)
              : Number.NaN,
          }
        : {}),
    },
    acceptMargin: s.clearGainsOnly ? 1 : 0,
  };
}

/**
 * The settings a stored run was started with, for the form while that run goes on again (so
 * the estimate beside it is the run's). What the run left out is COPA's default, as it was then.
 */
export function runSettingsOf(config: Partial<CopaConfig>): RunSettings {
  const d = DEFAULT_RUN_SETTINGS;
  const budget = config.budget ?? {};
  return {
    cycles: config.cycles ?? d.cycles,
    startWith: config.startWith ?? d.startWith,
    stepMode: config.stepMode ?? d.stepMode,
    seed: config.seed ?? d.seed,
    demoCandidates: config.demoCandidates ?? d.demoCandidates,
    instructionCandidates: config.instructionCandidates ?? d.instructionCandidates,
    maxBootstrappedDemos: config.maxBootstrappedDemos ?? d.maxBootstrappedDemos,
    demoTokenBudget: config.demoTokenBudget ?? d.demoTokenBudget,
    maxCalls: budget.maxCalls ?? 0,
    maxMinutes: budget.maxWallMs ? budget.maxWallMs / 60_000 : 0,
    clearGainsOnly: (config.acceptMargin ?? 0) > 0,
  };
}
