import { describe, expect, it } from 'vitest';
import { DEFAULT_COPA_CONFIG } from '../../../../src/core/optimizers/copa-config';
import {
  estimatePhaseCalls,
  planPhase,
  type PhasePlanInput,
} from '../../../../src/core/optimizers/budget-plan';

const base: PhasePlanInput = {
  kind: 'compilation',
  remainingCalls: Infinity,
  phasesLeft: 6,
  valSize: 60,
  trainSize: 60,
  steps: 1,
};

describe('planPhase', () => {
  it('leaves the settings alone when there is no call limit', () => {
    expect(planPhase(DEFAULT_COPA_CONFIG, base)).toBe(DEFAULT_COPA_CONFIG);
  });

  it('leaves the settings alone when the budget covers the phase and the next', () => {
    const need = estimatePhaseCalls(DEFAULT_COPA_CONFIG, base);
    const plan = planPhase(DEFAULT_COPA_CONFIG, { ...base, remainingCalls: need * 2 });
    expect(plan).toEqual(DEFAULT_COPA_CONFIG);
  });

  it('shrinks a phase to half of what is left, keeping the next phase possible', () => {
    for (const kind of ['compilation', 'prompt'] as const) {
      const input = { ...base, kind, remainingCalls: 300 };
      const full = estimatePhaseCalls(DEFAULT_COPA_CONFIG, input);
      const plan = planPhase(DEFAULT_COPA_CONFIG, input);
      expect(full).toBeGreaterThan(150);
      expect(estimatePhaseCalls(plan, input)).toBeLessThanOrEqual(150);
      expect(plan.seed).toBe(DEFAULT_COPA_CONFIG.seed);
    }
  });

  it('uses the whole remainder for the last phase', () => {
    const input = { ...base, kind: 'prompt' as const, phasesLeft: 1, remainingCalls: 200 };
    const plan = planPhase(DEFAULT_COPA_CONFIG, input);
    expect(estimatePhaseCalls(plan, input)).toBeLessThanOrEqual(200);
    expect(estimatePhaseCalls(plan, input)).toBeGreaterThan(100);
  });

  it('stops shrinking at a useful minimum when the budget is tiny', () => {
    const plan = planPhase(DEFAULT_COPA_CONFIG, { ...base, remainingCalls: 5 });
    expect(plan.demoCandidates).toBe(3);
    expect(plan.minibatchSize).toBe(10);
    expect(plan.finalists).toBe(1);
  });
});
