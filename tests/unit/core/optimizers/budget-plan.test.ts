import { describe, expect, it } from 'vitest';
import { DEFAULT_COPA_CONFIG } from '../../../../src/core/optimizers/copa-config';
import { bootstrapRuns } from '../../../../src/core/optimizers/cost-estimate';
import {
  costRatioOf,
  estimatePhaseCalls,
  phaseAllowance,
  planPhase,
  type PhasePlanInput,
} from '../../../../src/core/optimizers/budget-plan';
import type { PhaseRecord } from '../../../../src/core/optimizers/records';

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

  const smallest = (input: PhasePlanInput): number =>
    estimatePhaseCalls(planPhase(DEFAULT_COPA_CONFIG, { ...input, remainingCalls: 0 }), input);
  const prompt: PhasePlanInput = { ...base, kind: 'prompt' };

  it('runs the whole phase when the budget also covers the next phase at its smallest', () => {
    const need = estimatePhaseCalls(DEFAULT_COPA_CONFIG, base) + smallest(prompt);
    expect(planPhase(DEFAULT_COPA_CONFIG, { ...base, remainingCalls: need })).toEqual(
      DEFAULT_COPA_CONFIG,
    );
    const short = planPhase(DEFAULT_COPA_CONFIG, { ...base, remainingCalls: need - 1 });
    expect(estimatePhaseCalls(short, base)).toBeLessThan(need - smallest(prompt));
  });

  it('leaves the next phase its smallest size when the budget is tight', () => {
    for (const kind of ['compilation', 'prompt'] as const) {
      const other = { ...base, kind: kind === 'compilation' ? 'prompt' : 'compilation' } as const;
      const input = { ...base, kind, remainingCalls: 250 };
      const full = estimatePhaseCalls(DEFAULT_COPA_CONFIG, input);
      const plan = planPhase(DEFAULT_COPA_CONFIG, input);
      expect(full + smallest(other)).toBeGreaterThan(250);
      expect(estimatePhaseCalls(plan, input)).toBeLessThanOrEqual(250 - smallest(other));
      expect(estimatePhaseCalls(plan, input)).toBeGreaterThan(smallest(input));
      expect(plan.seed).toBe(DEFAULT_COPA_CONFIG.seed);
    }
  });

  it('gives one phase all that is left when the next could not also run', () => {
    const left = smallest(base) + 20;
    expect(left - smallest(prompt)).toBeLessThan(smallest(base));
    const plan = planPhase(DEFAULT_COPA_CONFIG, { ...base, remainingCalls: left });
    expect(estimatePhaseCalls(plan, base)).toBeGreaterThan(left - smallest(prompt));
    expect(estimatePhaseCalls(plan, base)).toBeLessThanOrEqual(left);
  });

  it("counts the start program's scoring in the first phase", () => {
    const first = { ...base, unscoredIncumbent: true };
    expect(estimatePhaseCalls(DEFAULT_COPA_CONFIG, first)).toBe(
      estimatePhaseCalls(DEFAULT_COPA_CONFIG, base) + base.valSize,
    );
  });

  it("scales its estimates by what the run's phases really cost", () => {
    const full = estimatePhaseCalls(DEFAULT_COPA_CONFIG, base);
    const input = { ...base, remainingCalls: Math.round(full * 0.7) + smallest(prompt) };
    expect(planPhase(DEFAULT_COPA_CONFIG, input).demoCandidates).toBeLessThan(
      DEFAULT_COPA_CONFIG.demoCandidates,
    );
    // Phases so far cost 60% of their estimate: the same budget now holds the whole phase.
    expect(planPhase(DEFAULT_COPA_CONFIG, { ...input, costRatio: 0.6 })).toEqual(
      DEFAULT_COPA_CONFIG,
    );
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

describe('planPhase around bootstrapping', () => {
  it('counts only the selection once bootstrapping is done', () => {
    const done = { ...base, bootstrapped: true };
    expect(estimatePhaseCalls(DEFAULT_COPA_CONFIG, done)).toBe(
      estimatePhaseCalls(DEFAULT_COPA_CONFIG, base) -
        bootstrapRuns(DEFAULT_COPA_CONFIG, base.trainSize),
    );
  });

  it('a provisional plan keeps the demo sets to build and gives up finalists and minibatches first', () => {
    // Six demo sets, so that a tight budget has some to take away.
    const config = { ...DEFAULT_COPA_CONFIG, demoCandidates: 6 };
    const tight = { ...base, remainingCalls: 300 };
    const final = planPhase(config, tight);
    const provisional = planPhase(config, { ...tight, provisional: true });
    expect(final.demoCandidates).toBeLessThan(config.demoCandidates);
    expect(provisional.demoCandidates).toBeGreaterThan(final.demoCandidates);
    expect(provisional.finalists).toBeLessThan(final.finalists);
    expect(estimatePhaseCalls(provisional, tight)).toBeLessThanOrEqual(
      estimatePhaseCalls(config, tight),
    );
  });
});

describe('phaseAllowance', () => {
  it('leaves a first compilation phase what the prompt phase after it needs at its smallest', () => {
    const config = DEFAULT_COPA_CONFIG;
    const first: PhasePlanInput = {
      ...base,
      valSize: 155,
      trainSize: 300,
      unscoredIncumbent: true,
      provisional: true,
    };
    const next: PhasePlanInput = { ...base, kind: 'prompt', valSize: 155, trainSize: 300 };
    const smallest = (p: PhasePlanInput): number =>
      estimatePhaseCalls(planPhase(config, { ...p, remainingCalls: 0, phasesLeft: 1 }), p);
    // Room for both at their smallest: the prompt phase, planned from scratch, can shrink its
    // failure probe too, which a provisional compilation plan never does to itself.
    const left = smallest(first) + smallest(next);
    expect(phaseAllowance(config, { ...first, remainingCalls: left })).toBe(left - smallest(next));
  });
});

describe('costRatioOf', () => {
  const record = (
    plannedCalls: number | undefined,
    calls: number,
    fullyScored = true,
  ): PhaseRecord =>
    ({
      ...(plannedCalls === undefined ? {} : { plannedCalls }),
      costs: { calls, cachedCalls: 0, promptTokens: 0, completionTokens: 0, lmMs: 0 },
      candidates: [{ fullScore: fullyScored ? 0.5 : null }, { fullScore: null }],
    }) as PhaseRecord;

  it('is 1 before any phase has finished, or when no phase recorded its plan', () => {
    expect(costRatioOf([])).toBe(1);
    expect(costRatioOf([record(undefined, 50)])).toBe(1);
  });

  it('is the calls spent over the calls planned, across the finished phases', () => {
    expect(costRatioOf([record(200, 150), record(100, 30)])).toBeCloseTo(0.6);
  });

  it('leaves out a phase that scored no program in full: it skipped what its plan counted', () => {
    expect(costRatioOf([record(442, 50, false)])).toBe(1);
    expect(costRatioOf([record(200, 150), record(442, 50, false)])).toBeCloseTo(0.75);
  });

  it('is clamped so one odd phase cannot make the plan reckless or timid', () => {
    expect(costRatioOf([record(200, 10)])).toBe(0.3);
    expect(costRatioOf([record(100, 400)])).toBe(1.5);
  });
});
