import { describe, expect, it } from 'vitest';
import { DEFAULT_COPA_CONFIG } from '../../../../src/core/optimizers/copa-config';
import {
  smallestPhaseCalls,
  type PhasePlanInput,
} from '../../../../src/core/optimizers/budget-plan';
import {
  tooLittleForPhase,
  tooLittleMessage,
  UNFINISHABLE_SHARE,
  UNFINISHABLE_SHARE_UNPACED,
  unfinishableShare,
} from '../../../../src/core/optimizers/unfinishable-phase';

const prompt: PhasePlanInput = {
  kind: 'prompt',
  remainingCalls: Infinity,
  phasesLeft: 3,
  valSize: 60,
  trainSize: 60,
  steps: 1,
};
const smallest = smallestPhaseCalls(DEFAULT_COPA_CONFIG, prompt);
const left = (remainingCalls: number): PhasePlanInput => ({ ...prompt, remainingCalls });

describe('tooLittleForPhase', () => {
  it('is never true without a limit, or with nothing left (the budget is spent then)', () => {
    expect(tooLittleForPhase(DEFAULT_COPA_CONFIG, prompt)).toBe(false);
    expect(tooLittleForPhase(DEFAULT_COPA_CONFIG, left(0))).toBe(false);
    expect(tooLittleForPhase(DEFAULT_COPA_CONFIG, left(1))).toBe(true);
  });

  it('is true below the share of the smallest phase, false from it on', () => {
    const edge = smallest * UNFINISHABLE_SHARE;
    expect(tooLittleForPhase(DEFAULT_COPA_CONFIG, left(Math.ceil(edge) - 1))).toBe(true);
    expect(tooLittleForPhase(DEFAULT_COPA_CONFIG, left(Math.ceil(edge)))).toBe(false);
    // A phase that may well spend less than its cold estimate is still started.
    expect(tooLittleForPhase(DEFAULT_COPA_CONFIG, left(smallest - 1))).toBe(false);
  });

  it('gives up later with a smaller share', () => {
    const calls = Math.ceil(smallest * UNFINISHABLE_SHARE) - 1;
    expect(tooLittleForPhase(DEFAULT_COPA_CONFIG, left(calls), UNFINISHABLE_SHARE_UNPACED)).toBe(
      false,
    );
  });

  it("sizes the smallest phase by the phase's kind", () => {
    const compilation: PhasePlanInput = { ...prompt, kind: 'compilation' };
    const larger = smallestPhaseCalls(DEFAULT_COPA_CONFIG, compilation);
    expect(larger).toBeGreaterThan(smallest);
    // Enough for the smallest prompt phase, not for the smallest compilation phase.
    const calls = Math.ceil(smallest * UNFINISHABLE_SHARE);
    expect(calls).toBeLessThan(larger * UNFINISHABLE_SHARE);
    expect(tooLittleForPhase(DEFAULT_COPA_CONFIG, left(calls))).toBe(false);
    expect(tooLittleForPhase(DEFAULT_COPA_CONFIG, { ...compilation, remainingCalls: calls })).toBe(
      true,
    );
  });
});

describe('unfinishableShare', () => {
  it("is smaller only for a time limit paced without the model's speed", () => {
    expect(unfinishableShare('time', false)).toBe(UNFINISHABLE_SHARE_UNPACED);
    expect(unfinishableShare('time', true)).toBe(UNFINISHABLE_SHARE);
    expect(unfinishableShare('calls', false)).toBe(UNFINISHABLE_SHARE);
    expect(UNFINISHABLE_SHARE_UNPACED).toBeLessThan(UNFINISHABLE_SHARE);
  });
});

describe('tooLittleMessage', () => {
  it('says the calls left, what the phase needs and what to do, for a call limit', () => {
    const text = tooLittleMessage(DEFAULT_COPA_CONFIG, left(12), { limit: 'calls', wallMs: 0 });
    expect(text).toContain('12 model calls of the budget are left');
    expect(text).toContain('another prompt phase');
    expect(text).toContain(`about ${Math.ceil(smallest)}`);
    expect(text).toMatch(/Raise the call limit for a longer run/);
    expect(tooLittleMessage(DEFAULT_COPA_CONFIG, left(1), { limit: 'calls', wallMs: 0 })).toMatch(
      /^1 model call of the budget is left/,
    );
  });

  it("says the time left and the phase's time at the run's pace, for a time limit", () => {
    // 12 calls in 60 s: five seconds a call, so the smallest phase takes smallest * 5 s.
    const text = tooLittleMessage(
      DEFAULT_COPA_CONFIG,
      { ...left(12), kind: 'compilation' },
      { limit: 'time', wallMs: 60_000 },
    );
    const needed = Math.ceil(
      smallestPhaseCalls(DEFAULT_COPA_CONFIG, { ...prompt, kind: 'compilation' }),
    );
    expect(text).toMatch(
      /^About 60 s of the time budget is left, too little for another compilation phase/,
    );
    expect(text).toContain(
      `about ${needed} model calls (about ${Math.round((needed * 5) / 60)} min`,
    );
    expect(text).toMatch(/Raise the time limit for a longer run/);
  });
});
