/** The settings the Optimize screen offers; everything else keeps COPA's defaults. */
export interface RunSettings {
  cycles: number;
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

export const DEFAULT_RUN_SETTINGS: RunSettings = {
  cycles: 3,
  stepMode: false,
  seed: 0,
  demoCandidates: 6,
  instructionCandidates: 5,
  maxBootstrappedDemos: 4,
  maxCalls: 0,
  maxMinutes: 0,
  clearGainsOnly: false,
};
