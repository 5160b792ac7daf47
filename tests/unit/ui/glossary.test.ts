import { describe, expect, it } from 'vitest';
import { GLOSSARY } from '../../../src/ui/glossary/glossary';
import { DEFAULT_COPA_CONFIG } from '../../../src/core/optimizers/copa-config';

describe('the glossary', () => {
  it("says a cycle's first phase is a setting (the real-model preset starts with the instruction)", () => {
    // It said the demos always came first, under a run whose cards showed the instruction first.
    expect(GLOSSARY.cycle.text).not.toMatch(/followed by/);
    expect(GLOSSARY.cycle.text).toMatch(/First phase of each cycle/);
  });
});

describe('the glossary says what selection does', () => {
  it('a candidate needs any higher validation score by default, a 1-SE margin only when asked', () => {
    // It said every candidate had to win by one standard error, which only "Keep only clear
    // gains" asks for: COPA's default margin is 0, any strict gain (selection.ts).
    expect(DEFAULT_COPA_CONFIG.acceptMargin).toBe(0);
    const text = GLOSSARY.validationSet.text;
    expect(text).toMatch(/any higher score counts/);
    expect(text).toMatch(
      /unless Keep only clear gains asks for a win by more than one standard error/,
    );
    // The start program is scored in full only when a decision needs it (selection.ts).
    expect(text).toMatch(/clearly ahead of it on the same minibatch examples/);
  });

  it('a minibatch is the same for every candidate of a round, not of a phase', () => {
    // Successive halving draws a fresh minibatch each round (minibatch-screening.ts).
    const text = GLOSSARY.minibatch.text;
    expect(text).not.toMatch(/every candidate of a phase/);
    expect(text).toMatch(/every candidate in a round/);
    expect(text).toMatch(/fresh sample/);
    expect(text).toContain(`${DEFAULT_COPA_CONFIG.minibatchSize} examples by default`);
  });

  it('convergence is a gain below the larger of one standard error and the minimum gain', () => {
    // stop-reason.ts: max(minImprovement, SE); "a small threshold (or ...)" read as either.
    expect(DEFAULT_COPA_CONFIG.minImprovement).toBe(0.01);
    expect(GLOSSARY.convergence.text).toMatch(
      /one standard error\) or 1 point, whichever is larger/,
    );
  });
});
