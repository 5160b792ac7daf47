import type { RunSummary } from '../../worker/api';
import { pct } from '../lib/percent';

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

/**
 * A listed run's best validation score ("best validation 61.0%"), or that no candidate beat
 * its start program, whose score is then a minibatch estimate ("start program kept, 52.0% on
 * 25 validation examples"); "best validation —" before anything was scored.
 */
export function bestWords(run: Pick<RunSummary, 'bestScore' | 'bestExamples'>): string {
  return run.bestExamples !== undefined && run.bestScore !== undefined
    ? `start program kept, ${pct(run.bestScore)} on ${run.bestExamples} validation examples`
    : `best validation ${pct(run.bestScore)}`;
}
