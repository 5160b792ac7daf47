import type { RunSummary } from '../../worker/api';

/**
 * What tells two runs of one task apart in a list: the model they ran with and their seed
 * (" · Stand-in model · seed 7"); empty for a run stored before these were kept.
 */
export function runWords(run: Pick<RunSummary, 'model' | 'seed'>): string {
  return [run.model, run.seed !== undefined ? `seed ${run.seed}` : undefined]
    .filter((part) => part !== undefined && part !== '')
    .map((part) => ` · ${part}`)
    .join('');
}
