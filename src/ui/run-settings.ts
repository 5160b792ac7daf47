import { DEFAULT_COPA_CONFIG } from '../core/optimizers/copa-config';

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
