import { describe, expect, it } from 'vitest';
import {
  CANDIDATE_SCORING,
  copaIntro,
  PHASE_EXPLANATION,
} from '../../../src/ui/optimize/phase-words';

describe('the intro above a first run', () => {
  it('names the phases in the order First phase of each cycle runs them', () => {
    // It always said the demos came first, above a real-model run that starts with the instruction.
    const prompt = copaIntro('prompt');
    expect(prompt.indexOf('prompt phase')).toBeLessThan(prompt.indexOf('compilation phase'));
    expect(prompt).toMatch(/write better instructions, then a compilation phase picks/);
    const compilation = copaIntro('compilation');
    expect(compilation.indexOf('compilation phase')).toBeLessThan(
      compilation.indexOf('prompt phase'),
    );
    expect(compilation).toMatch(/so on those examples the result is never worse than where/);
  });

  it('says the no-worse promise is on the validation examples, not on new data', () => {
    // It said the result was never worse than the start, full stop; a validation gain can be
    // luck, and Results may show the test score lower (README, "Acceptance": 18% of accepted
    // gains were worse on test).
    expect(copaIntro('compilation')).toMatch(/can be luck: Results checks the program on test/);
  });
});

describe('the phase cards explain selection as the code does it', () => {
  it('a compilation phase keeps the best demo set only when it scores higher', () => {
    // It said "the best one is kept", also when no demo set beat the current program and the
    // demos stayed as they were (selection.ts keeps the incumbent then).
    const text = PHASE_EXPLANATION.compilation;
    expect(text).not.toMatch(/the best one is kept/);
    expect(text).toMatch(/replaces the current demos only if it scores higher/);
    expect(text).toMatch(/labeled demos/);
  });

  it('does not promise a demo set with no demos that a phase cut to fewer sets does not try', () => {
    // A later phase sized to three demo sets tries the current demos extended, a bootstrap and
    // labeled demos: its card said "one with no demos among them" above a table without one.
    expect(PHASE_EXPLANATION.compilation).not.toMatch(/sets, one with no demos among them, are/);
    expect(PHASE_EXPLANATION.compilation).toMatch(/no demos among them, unless/);
  });

  it('minibatches are per round, and only a finalist with a full-set score can be accepted', () => {
    // It said "the same few examples for each" candidate and that the full-set score "alone
    // decides", though halving draws a fresh minibatch each round and a start program clearly
    // behind on a minibatch is not scored in full.
    expect(CANDIDATE_SCORING).toMatch(/the same for every candidate in a round/);
    expect(CANDIDATE_SCORING).not.toMatch(/alone decides/);
    expect(CANDIDATE_SCORING).toMatch(/only a finalist with a full-set score can be accepted/);
  });
});
