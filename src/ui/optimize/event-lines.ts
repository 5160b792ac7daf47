import { isJsonObject, type JsonObject } from '../../core/json';
import type { ValidationSample } from '../../core/optimizers/selection-set';
import type { RunEvent } from '../../worker/api';
import { pct } from '../lib/percent';
import { validationSampleWords } from '../lib/validation-sample-words';
import { estimatedCallsWords } from '../lib/estimate-words';
import { scoreOnWords, STOP_REASON_SHORT } from './run-view';

/** Whether a run's settings set a budget (calls, tokens or time): the estimate ignores it. */
function hasBudget(config: JsonObject): boolean {
  const budget = config['budget'];
  return isJsonObject(budget) && Object.values(budget).some((v) => typeof v === 'number' && v > 0);
}

/** A short sentence per event worth showing; null for chatty ones. */
export function describeEvent(
  e: RunEvent,
  nameOf: (phase: number, candidateId: string) => string | undefined = () => undefined,
  selection: ValidationSample | null = null,
): string | null {
  switch (e.type) {
    case 'run-started': {
      const estimate = `${estimatedCallsWords(e.estimate.lmCalls)} model calls, an upper estimate${hasBudget(e.config) ? '; the budget can end it sooner' : ''}`;
      // A resume (after a pause, in step mode after every phase) read "Run started" again, as if
      // a new run had begun; the estimate is still the whole run's (cost-estimate.ts).
      return (
        (e.resumedAtPhase === undefined
          ? `Run started (${estimate}).`
          : `Run resumed with phase ${e.resumedAtPhase + 1} (the whole run: ${estimate}).`) +
        (e.selection ? ` Candidates are scored on ${validationSampleWords(e.selection)}.` : '')
      );
    }
    case 'baseline':
      return `Baseline: ${pct(e.score)} on ${e.examples} validation examples.`;
    case 'phase-started':
      return `Cycle ${e.cycle + 1}: ${e.kind} phase started.`;
    case 'decision':
      return e.accepted
        ? `Accepted ${e.candidateId ? `“${nameOf(e.phase, e.candidateId) ?? 'a new candidate'}”` : 'a new candidate'}: ${scoreOnWords(e.score, undefined, selection)} (was ${scoreOnWords(e.incumbentScore, e.incumbentExamples, selection)}).`
        : `Kept the current program (${scoreOnWords(e.incumbentScore, e.incumbentExamples, selection)}): ${e.reason}`;
    case 'insight':
      return `Insight: ${e.text}`;
    case 'run-finished': {
      // A pause (or a lost engine, run-controller.ts) ends the run's drive with this event too:
      // the run did not finish, and one resumed and finished in its page said "Run finished" twice.
      if (e.reason === 'paused')
        return e.baselineExamples === 0
          ? 'Run paused before any program was scored.'
          : `Run paused: best ${pct(e.bestScore)} so far.`;
      const why = STOP_REASON_SHORT[e.reason];
      if (e.baselineExamples === 0)
        return e.bestScore > e.baselineScore
          ? `Run finished (${why}) before the starting program was scored: best ${pct(e.bestScore)}.`
          : `Run finished (${why}) before any program was scored.`;
      if (e.bestExamples !== undefined)
        return `Run finished (${why}): no candidate beat the starting program (${scoreOnWords(e.bestScore, e.bestExamples)}), which stays.`;
      return `Run finished (${why}): best ${pct(e.bestScore)}, baseline ${e.baselineExamples === undefined ? pct(e.baselineScore) : scoreOnWords(e.baselineScore, e.baselineExamples)}.`;
    }
    default:
      return null;
  }
}
