import { describe, expect, it } from 'vitest';
import { estimatePhaseCalls } from '../../../../src/core/optimizers/budget-plan';
import { runCopa } from '../../../../src/core/optimizers/copa';
import { replayEvents } from '../../../../src/core/optimizers/replay';
import {
  DEFAULT_COPA_CONFIG,
  resolveCopaConfig,
} from '../../../../src/core/optimizers/copa-config';
import type { RunEvent } from '../../../../src/core/optimizers/events';
import {
  MIN_SELECTION_EXAMPLES,
  PREFERRED_SELECTION_EXAMPLES,
  selectionSize,
  selectionSubset,
} from '../../../../src/core/optimizers/selection-set';
import { kvAdapter } from '../../helpers/kv-adapter';
import { ONE_SECOND_PER_CALL, oneSecondPerCallModel, SMALL_CONFIG } from './copa-fixture';
import { toyTask } from './session-helpers';
import { examples, toyModel, words } from './toy-task';

const sizes = { valSize: 200, trainSize: 300, steps: 1 };

/** The calls the first compilation and prompt phases plan at the default settings with n examples. */
function firstCycle(n: number): number {
  const phase = (kind: 'compilation' | 'prompt', first: boolean) => ({
    kind,
    remainingCalls: Infinity,
    phasesLeft: 1,
    valSize: n,
    trainSize: sizes.trainSize,
    steps: 1,
    unscoredIncumbent: first,
  });
  return (
    estimatePhaseCalls(DEFAULT_COPA_CONFIG, phase('compilation', true)) +
    estimatePhaseCalls(DEFAULT_COPA_CONFIG, phase('prompt', false))
  );
}

describe('selectionSize', () => {
  it('keeps every validation example without a limit, or when the first cycle fits', () => {
    expect(selectionSize(DEFAULT_COPA_CONFIG, { ...sizes, callsAfforded: Infinity })).toBe(200);
    expect(selectionSize(DEFAULT_COPA_CONFIG, { ...sizes, callsAfforded: 5000 })).toBe(200);
  });

  it('keeps the most examples with which both first phases fit at the run settings', () => {
    const n = selectionSize(DEFAULT_COPA_CONFIG, { ...sizes, callsAfforded: 1000 });
    expect(n).toBeLessThan(200);
    expect(n).toBeGreaterThan(PREFERRED_SELECTION_EXAMPLES);
    // Both phases at the run's settings fit in 90% of the budget with n examples, not with one more.
    expect(firstCycle(n)).toBeLessThanOrEqual(0.9 * 1000);
    expect(firstCycle(n + 1)).toBeGreaterThan(0.9 * 1000);
  });

  it('keeps 100 while the phases fit with them shrunk to their smallest, then fewer', () => {
    const at = (calls: number) =>
      selectionSize(DEFAULT_COPA_CONFIG, { ...sizes, callsAfforded: calls });
    expect(firstCycle(PREFERRED_SELECTION_EXAMPLES)).toBeGreaterThan(0.9 * 520);
    expect(at(520)).toBe(PREFERRED_SELECTION_EXAMPLES);
    const tighter = at(300);
    expect(tighter).toBeLessThan(PREFERRED_SELECTION_EXAMPLES);
    expect(tighter).toBeGreaterThan(MIN_SELECTION_EXAMPLES);
    expect(at(300)).toBeLessThanOrEqual(at(350));
  });

  it('never goes below the smallest useful set, and leaves a small set whole', () => {
    expect(selectionSize(DEFAULT_COPA_CONFIG, { ...sizes, callsAfforded: 200 })).toBe(
      MIN_SELECTION_EXAMPLES,
    );
    const small = { ...sizes, valSize: 40 };
    expect(selectionSize(DEFAULT_COPA_CONFIG, { ...small, callsAfforded: 10 })).toBe(40);
  });
});

describe('selectionSubset', () => {
  const val = examples(words('v', 120));

  it('is a seeded sample in the original order, the same for the same seed', () => {
    const a = selectionSubset(val, 60, 7);
    expect(a).toHaveLength(60);
    expect(new Set(a.map((e) => e.id)).size).toBe(60);
    const order = a.map((e) => val.indexOf(e));
    expect(order).toEqual([...order].sort((x, y) => x - y));
    expect(selectionSubset(val, 60, 7)).toEqual(a);
    expect(selectionSubset(val, 60, 8)).not.toEqual(a);
  });

  it('is the whole set when the size covers it', () => {
    expect(selectionSubset(val, 120, 7)).toEqual(val);
    expect(selectionSubset(val, 500, 7)).toEqual(val);
  });
});

describe('a run under a tight call budget with a large validation set', () => {
  const task = () =>
    toyTask(
      examples([...words('a', 6), ...words('b', 6), 'magic', ...words('c', 6)]),
      examples([...words('a', 70).slice(6), ...words('b', 70).slice(6), ...words('c', 40)]),
    );
  const config = { ...SMALL_CONFIG, minibatchSize: 10 };

  it('selects on a fixed sample it records, shows, and keeps when resumed', async () => {
    const valSize = task().valset.length;
    const expected = selectionSize(resolveCopaConfig(config), {
      callsAfforded: 400,
      valSize,
      trainSize: task().trainset.length,
      steps: 1,
    });
    expect(expected).toBeLessThan(valSize);
    const events: RunEvent[] = [];
    const r = await runCopa(task(), {
      lm: toyModel(),
      adapter: kvAdapter,
      config: { ...config, budget: { maxCalls: 400 } },
      onEvent: (e) => events.push(e),
    });
    const started = events.find((e) => e.type === 'run-started');
    expect(started?.type === 'run-started' && started.selection).toEqual({
      examples: expected,
      of: valSize,
    });
    expect(r.checkpoint.selection).toEqual({ examples: expected, of: valSize });
    const full = events.filter((e) => e.type === 'candidate-scored' && e.stage === 'full');
    expect(full.length).toBeGreaterThan(0);
    for (const e of full) expect(e.type === 'candidate-scored' && e.examples).toBe(expected);
    // Its decisions and insights say what the scores rest on: the sample, not the full set.
    const texts = r.checkpoint.history.flatMap((p) => [p.decision, p.insight]);
    expect(texts.join(' ')).toMatch(new RegExp(`the ${expected}-example validation sample`));
    expect(texts.join(' ')).not.toMatch(/full validation set/);
    // A stored run's story names the sample too (it has no run-started event to carry it).
    const baseline = replayEvents(r.checkpoint, () => undefined).find((e) => e.type === 'baseline');
    expect(baseline?.type === 'baseline' && baseline.selection?.examples).toBe(expected);

    // Resumed with no limit, it still compares on the same examples.
    const resumedEvents: RunEvent[] = [];
    await runCopa(task(), {
      lm: toyModel(),
      adapter: kvAdapter,
      resumeFrom: r.checkpoint,
      config: { budget: {} },
      onEvent: (e) => resumedEvents.push(e),
    });
    const again = resumedEvents.find((e) => e.type === 'run-started');
    expect(again?.type === 'run-started' && again.selection?.examples).toBe(expected);
  });

  it("under a time budget, sizes the sample to the calls the model's measured speed affords", async () => {
    const run = async (maxWallMs: number) => {
      const { lm, now } = oneSecondPerCallModel();
      const events: RunEvent[] = [];
      await runCopa(task(), {
        lm,
        adapter: kvAdapter,
        config: { ...config, budget: { maxWallMs } },
        clock: now,
        speed: ONE_SECOND_PER_CALL,
        onEvent: (e) => events.push(e),
      });
      const started = events.find((e) => e.type === 'run-started');
      return started?.type === 'run-started' ? started.selection : undefined;
    };
    const sizing = { valSize: task().valset.length, trainSize: task().trainset.length, steps: 1 };
    const at = (calls: number) =>
      selectionSize(resolveCopaConfig(config), { ...sizing, callsAfforded: calls });
    // 400 seconds afford a little under 400 calls (the prompt's own tokens take time too).
    const examples = (await run(400_000))?.examples ?? sizing.valSize;
    expect(examples).toBeLessThan(sizing.valSize);
    expect(examples).toBeGreaterThanOrEqual(at(380));
    expect(examples).toBeLessThanOrEqual(at(400));
    expect(await run(4_000_000)).toBeUndefined();
  });

  it('selects on every example without a budget', async () => {
    const events: RunEvent[] = [];
    const r = await runCopa(task(), {
      lm: toyModel(),
      adapter: kvAdapter,
      config,
      onEvent: (e) => events.push(e),
    });
    const started = events.find((e) => e.type === 'run-started');
    expect(started?.type === 'run-started' && started.selection).toBeUndefined();
    expect(r.checkpoint.selection).toBeUndefined();
  });
});
