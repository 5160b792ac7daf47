import type { CopaConfig } from './copa-config';

/** The search settings a budget plan may shrink (see planPhase). */
export const FITTED_SETTINGS = [
  'demoCandidates',
  'instructionCandidates',
  'minibatchSize',
  'finalists',
  'failureProbeSize',
] as const;
export type FittedSetting = (typeof FITTED_SETTINGS)[number];

/**
 * How a phase was sized to the budget left: which limit bound it and what the plan changed, so
 * a user who sees fewer candidates than they set knows why.
 */
export interface BudgetFit {
  limit: 'calls' | 'time';
  changes: { setting: FittedSetting; from: number; to: number }[];
}

/** What the plan changed from the run's settings; null when it changed nothing. */
export function budgetFitOf(
  settings: CopaConfig,
  planned: CopaConfig,
  limit: BudgetFit['limit'],
): BudgetFit | null {
  const changes = FITTED_SETTINGS.filter((s) => planned[s] !== settings[s]).map((setting) => ({
    setting,
    from: settings[setting],
    to: planned[setting],
  }));
  return changes.length > 0 ? { limit, changes } : null;
}
