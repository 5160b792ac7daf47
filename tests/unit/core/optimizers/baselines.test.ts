import { describe, expect, it } from 'vitest';
import {
  runBootstrapFewShot,
  runInstructionOnly,
  runJointSearch,
  runRandomSearch,
} from '../../../../src/core/optimizers/baselines';
import {
  estimateBaselineCost,
  estimateCopaCost,
  selectionRuns,
} from '../../../../src/core/optimizers/cost-estimate';
import { BASELINE_DEFAULTS } from '../../../../src/core/optimizers/baselines/baseline-run';
import { DEFAULT_COPA_CONFIG } from '../../../../src/core/optimizers/copa-config';
import { kvAdapter } from '../../helpers/kv-adapter';
import { bothTask, copa, SMALL_CONFIG } from './copa-fixture';
import { toyModel } from './toy-task';

const options = () => ({ lm: toyModel(), adapter: kvAdapter, config: SMALL_CONFIG });

describe('baselines', () => {
  it('BootstrapFewShot finds the key demo and reaches the "a" half', async () => {
    const r = await runBootstrapFewShot(bothTask(), options());
    expect(r.method).toBe('bootstrap-fewshot');
    expect(r.bestScore).toBe(0.5);
    expect(r.program.steps[0]?.demos.some((d) => d.sourceId === 'ex-magic')).toBe(true);
    expect(r.curve.length).toBeGreaterThanOrEqual(2);
  });

  it('random search keeps the best demo set; instruction-only cannot see the rule without demos', async () => {
    const rs = await runRandomSearch(bothTask(), options());
    expect(rs.bestScore).toBe(0.5);
    const io = await runInstructionOnly(bothTask(), options());
    expect(io.bestScore).toBe(0);
    expect(io.program.steps[0]?.signature.instruction).toBe('Given x, produce y.');
  });

  it('joint search returns a program never below the baseline, and COPA matches or beats it', async () => {
    const lm = toyModel();
    const js = await runJointSearch(bothTask(), { ...options(), lm });
    expect(js.bestScore).toBeGreaterThanOrEqual(js.baselineScore);
    const c = await copa(toyModel());
    expect(c.bestScore).toBeGreaterThanOrEqual(js.bestScore);
  });

  it('keep their six demo sets whatever COPA’s default, unless told otherwise', async () => {
    const started = async (config: Record<string, unknown>): Promise<unknown> => {
      let seen: unknown;
      await runRandomSearch(bothTask(), {
        ...options(),
        config,
        onEvent: (e) => {
          if (e.type === 'run-started') seen = e.config.demoCandidates;
        },
      });
      return seen;
    };
    expect(DEFAULT_COPA_CONFIG.demoCandidates).not.toBe(BASELINE_DEFAULTS.demoCandidates);
    expect(await started({ cycles: 1 })).toBe(6);
    expect(await started({ demoCandidates: 3 })).toBe(3);
  });

  it('stop on budget with the best so far', async () => {
    const lm = toyModel();
    const r = await runRandomSearch(bothTask(), {
      ...options(),
      lm,
      config: { ...SMALL_CONFIG, budget: { maxCalls: 25 } },
    });
    expect(r.stopReason).toBe('budget');
    expect(lm.calls).toBeLessThanOrEqual(25);
    expect(r.bestScore).toBeGreaterThanOrEqual(r.baselineScore);
  });
});

describe('cost estimates', () => {
  it('grow with the configuration and are in the right range for a real run', async () => {
    const task = bothTask();
    const small = estimateCopaCost(task, SMALL_CONFIG);
    const big = estimateCopaCost(task, { ...SMALL_CONFIG, cycles: 6 });
    expect(big.lmCalls).toBeGreaterThan(small.lmCalls);
    expect(small.promptTokens).toBeGreaterThan(small.lmCalls);
    const real = await copa(toyModel(), { config: { ...SMALL_CONFIG, minImprovement: 0 } });
    const spent = real.totals.calls + real.totals.cachedCalls;
    // An upper estimate of a full run, within a factor of a few of what was spent.
    expect(small.lmCalls * 3).toBeGreaterThan(spent);
    expect(small.lmCalls).toBeLessThan(spent * 6);
    for (const m of [
      'bootstrap-fewshot',
      'random-search',
      'instruction-only',
      'joint-search',
      'reflective-search',
    ] as const)
      expect(estimateBaselineCost(m, task, SMALL_CONFIG).lmCalls).toBeGreaterThan(
        task.valset.length,
      );
  });

  it('counts successive halving runs, crediting finalists with their cached minibatch answers', () => {
    // 6 on a minibatch, 3 left: 3 finalists go to the full set.
    expect(selectionRuns(6, 100, 25, 3)).toBe(6 * 25 + 3 * (100 - 25));
    // 2 finalists (the default): one more halving round first.
    expect(selectionRuns(6, 100, 25)).toBe(6 * 25 + 3 * 25 + 2 * (100 - 50));
    // A validation set no larger than a minibatch: every candidate is scored on all of it.
    expect(selectionRuns(6, 20, 25)).toBe(6 * 20);
  });
});
