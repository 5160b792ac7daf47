import type { BudgetFit, FittedSetting } from '../../core/optimizers/budget-fit';

import { countWords } from './count-words';

/** Each setting's new value, in words. */
const SETTING_WORDS: Record<FittedSetting, (n: number) => string> = {
  demoCandidates: (n) => countWords(n, 'demo set', 'demo sets'),
  instructionCandidates: (n) => countWords(n, 'proposed instruction', 'proposed instructions'),
  minibatchSize: (n) => `minibatches of ${n} examples`,
  finalists: (n) => countWords(n, 'finalist', 'finalists'),
  failureProbeSize: (n) => countWords(n, 'training example', 'training examples') + ' probed',
};

/**
 * "Sized to fit the time left: 4 demo sets instead of 6, 1 finalist instead of 3." Why a phase
 * has fewer candidates than the settings ask for.
 */
export function budgetFitWords(fit: BudgetFit): string {
  const changes = fit.changes.map((c) => `${SETTING_WORDS[c.setting](c.to)} instead of ${c.from}`);
  const left = fit.limit === 'time' ? 'the time left' : 'the calls left';
  return `Sized to fit ${left} in the budget: ${changes.join(', ')}.`;
}
