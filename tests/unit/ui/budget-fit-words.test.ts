import { describe, expect, it } from 'vitest';
import { budgetFitOf } from '../../../src/core/optimizers/budget-fit';
import { resolveCopaConfig } from '../../../src/core/optimizers/copa-config';
import { budgetFitWords } from '../../../src/ui/lib/budget-fit-words';

describe('a phase sized to the budget', () => {
  const settings = resolveCopaConfig({});

  it('lists what the plan changed, and nothing when it changed nothing', () => {
    expect(budgetFitOf(settings, { ...settings }, 'time')).toBeNull();
    const planned = { ...settings, demoCandidates: 3, finalists: 1, seed: 9 };
    expect(budgetFitOf(settings, planned, 'time')).toEqual({
      limit: 'time',
      changes: [
        { setting: 'demoCandidates', from: settings.demoCandidates, to: 3 },
        { setting: 'finalists', from: settings.finalists, to: 1 },
      ],
    });
  });

  it('says which limit and what changed, in words', () => {
    const fit = {
      limit: 'time' as const,
      changes: [
        { setting: 'demoCandidates' as const, from: 6, to: 4 },
        { setting: 'minibatchSize' as const, from: 25, to: 15 },
        { setting: 'finalists' as const, from: 3, to: 1 },
      ],
    };
    expect(budgetFitWords(fit)).toBe(
      'Sized to fit the time left in the budget: 4 demo sets instead of 6, minibatches of 15 ' +
        'examples instead of 25, 1 finalist instead of 3.',
    );
    const calls = {
      limit: 'calls' as const,
      changes: [
        { setting: 'instructionCandidates' as const, from: 5, to: 2 },
        { setting: 'failureProbeSize' as const, from: 12, to: 4 },
      ],
    };
    expect(budgetFitWords(calls)).toBe(
      'Sized to fit the calls left in the budget: 2 proposed instructions instead of 5, ' +
        '4 training examples probed instead of 12.',
    );
  });
});
