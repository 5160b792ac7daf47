import { describe, expect, it } from 'vitest';
import { noGainText } from '../../../../src/core/optimizers/insight';

describe('why a phase kept the current program', () => {
  it('gives the best full score against the current one when a candidate got that far', () => {
    const text = noGainText('demo set', {
      anyFullyScored: true,
      anyStoppedOnFullSet: false,
      bestCandidateScore: 0.6,
      before: { score: 0.633 },
    });
    expect(text).toBe('No demo set beat the current program (best 60.0% vs 63.3%)');
  });

  it('says no candidate reached the full set instead of calling the current score the best', () => {
    // It said "best 63.3% vs 63.3%": the current program's score, as if a candidate had it.
    const text = noGainText('proposed instruction', {
      anyFullyScored: false,
      anyStoppedOnFullSet: false,
      bestCandidateScore: 0.633,
      before: { score: 0.52, examples: 25 },
    });
    expect(text).toBe(
      'No proposed instruction beat the current program (52.0% on 25 examples) on the minibatches, so none was scored on the full validation set',
    );
    expect(text).not.toMatch(/best/);
  });

  it('says a finalist was stopped part-way through the full set, not that none reached it', () => {
    // A finalist raced on the full set and stopped was reported as "none was scored on the full
    // validation set" beside a row saying it was stopped part-way through it.
    const text = noGainText('demo set', {
      anyFullyScored: false,
      anyStoppedOnFullSet: true,
      bestCandidateScore: 0.633,
      before: { score: 0.633 },
    });
    expect(text).toMatch(/^No demo set beat the current program \(63\.3%\): /);
    expect(text).toMatch(/stopped/);
    expect(text).not.toMatch(/none was scored on the full validation set/);
  });
});
