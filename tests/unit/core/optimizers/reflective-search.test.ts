import { describe, expect, it } from 'vitest';
import { runReflectiveSearch } from '../../../../src/core/optimizers/baselines';
import { paretoPick } from '../../../../src/core/optimizers/baselines/pareto-pick';
import { REFLECTIVE_DEFAULTS } from '../../../../src/core/optimizers/baselines/reflective-defaults';
import type { RunEvent } from '../../../../src/core/optimizers/events';
import { Rng } from '../../../../src/core/rng';
import { kvAdapter } from '../../helpers/kv-adapter';
import { bothTask, SMALL_CONFIG } from './copa-fixture';
import { toyModel } from './toy-task';

/** A reflective search on the toy task whose proposer always writes `proposal`. */
async function reflect(proposal: string) {
  const events: RunEvent[] = [];
  const result = await runReflectiveSearch(bothTask(), {
    lm: toyModel({ proposal }),
    adapter: kvAdapter,
    config: SMALL_CONFIG,
    onEvent: (e) => events.push(e),
  });
  return { r: result, events };
}

describe('reflective search (GEPA-like, after BootstrapFewShot)', () => {
  it('keeps the bootstrapped demos and adds an instruction that wins on the minibatch and in full', async () => {
    const { r, events } = await reflect('Reverse the letters of x');
    expect(r.method).toBe('reflective-search');
    // Demos alone reach the "a" half (BootstrapFewShot's 0.5); the instruction adds the "b" half.
    expect(r.bestScore).toBe(1);
    expect(r.program.steps[0]?.signature.instruction).toMatch(/^Reverse the letters of x/);
    expect(r.program.steps[0]?.demos.some((d) => d.sourceId === 'ex-magic')).toBe(true);
    expect(events.some((e) => e.type === 'candidate-scored' && e.stage === 'full')).toBe(true);
  });

  it('scores no child in full that falls below its parent on the minibatch, and gives up after its patience', async () => {
    const { r, events } = await reflect('Echo x back');
    const scored = events.filter((e) => e.type === 'candidate-scored');
    expect(scored.filter((e) => e.stage === 'full')).toEqual([]);
    expect(scored.length).toBeLessThanOrEqual(REFLECTIVE_DEFAULTS.patience);
    expect(r.program.steps[0]?.signature.instruction).toBe('Given x, produce y.');
    expect(r.bestScore).toBe(0.5);
  });
});

describe('paretoPick', () => {
  it('draws the candidates best on some example, in proportion to how many, and never one whose every best is shared with a kept one', () => {
    // 0 is best on examples 0-2, 1 on example 3; 2 ties with 0 on example 1 only, so 0 covers it.
    const scores = [
      [1, 1, 1, 0],
      [0, 0, 0, 1],
      [0, 1, 0, 0],
    ];
    const counts = [0, 0, 0];
    const rng = new Rng(7);
    for (let i = 0; i < 4000; i++) counts[paretoPick(scores, rng)]!++;
    expect(counts[2]).toBe(0);
    expect(counts[0]! / 4000).toBeCloseTo(0.75, 1);
    expect(counts[1]! / 4000).toBeCloseTo(0.25, 1);
  });

  it('keeps one of several candidates that tie everywhere', () => {
    const scores = [
      [1, 0],
      [1, 0],
    ];
    const rng = new Rng(1);
    const drawn = new Set(Array.from({ length: 50 }, () => paretoPick(scores, rng)));
    expect(drawn.size).toBe(1);
  });
});
