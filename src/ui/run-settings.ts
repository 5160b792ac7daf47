import { DEFAULT_COPA_CONFIG, type CopaConfig } from '../core/optimizers/copa-config';

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
  maxCalls: 0,
  maxMinutes: 0,
  clearGainsOnly: false,
};

/** The COPA configuration a run gets from the settings (a limit of 0 sends no budget). */
export function copaConfigOf(s: RunSettings): Partial<CopaConfig> {
  return {
    cycles: s.cycles,
    startWith: s.startWith,
    stepMode: s.stepMode,
    seed: s.seed,
    demoCandidates: s.demoCandidates,
    instructionCandidates: s.instructionCandidates,
    maxBootstrappedDemos: s.maxBootstrappedDemos,
    budget: {
      ...(s.maxCalls > 0 ? { maxCalls: s.maxCalls } : {}),
      ...(s.maxMinutes > 0 ? { maxWallMs: s.maxMinutes * 60_000 } : {}),
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
    maxCalls: budget.maxCalls ?? 0,
    maxMinutes: budget.maxWallMs ? budget.maxWallMs / 60_000 : 0,
    clearGainsOnly: (config.acceptMargin ?? 0) > 0,
  };
}
