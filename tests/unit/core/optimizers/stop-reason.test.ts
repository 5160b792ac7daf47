import { describe, expect, it } from 'vitest';
import { chatAdapter } from '../../../../src/core/adapters/chat-adapter';
import type { CopaCheckpoint } from '../../../../src/core/optimizers/checkpoint';
import { resolveCopaConfig } from '../../../../src/core/optimizers/copa-config';
import { runCopa } from '../../../../src/core/optimizers/copa';
import type { PhaseRecord } from '../../../../src/core/optimizers/records';
import { stopReasonOf } from '../../../../src/core/optimizers/stop-reason';
import { StandInModel } from '../../../../src/engines/standin/standin-model';
import { builtInCopaTask } from './built-in-task';

/** The fields of a checkpoint the stop rule reads. */
function state(exampleScores: number[]): CopaCheckpoint {
  const score = exampleScores.reduce((a, b) => a + b, 0) / Math.max(1, exampleScores.length);
  // The phase that led here was accepted, so the cycle's own rules would not stop the run.
  const record = { accepted: true } as PhaseRecord;
  return {
    exampleScores,
    bestScore: exampleScores.length > 0 ? score : 1,
    cycleStartScore: 0,
    history: [record],
  } as unknown as CopaCheckpoint;
}

describe('when a COPA run stops', () => {
  const config = resolveCopaConfig({ cycles: 3 });

  it('stops after any phase once every validation example scores full marks', () => {
    expect(stopReasonOf(state([1, 1, 1, 1]), config, 0)).toBe('perfect');
    // One example short of full marks: the cycle goes on.
    expect(stopReasonOf(state([1, 1, 0.5, 1]), config, 0)).toBeNull();
    // A perfect minibatch estimate (no per-example scores on the whole set) is not enough.
    expect(stopReasonOf(state([]), config, 0)).toBeNull();
  });

  it('spends no call after the program reaches 100% on validation', async () => {
    // Date normalization, seed 0, with the stand-in: the third phase reaches 100%.
    const { copaTask } = builtInCopaTask('date-normalization', 0);
    const result = await runCopa(copaTask, {
      lm: new StandInModel({ seed: 0 }),
      adapter: chatAdapter,
      config: { seed: 0, cycles: 3 },
    });
    expect(result.stopReason).toBe('perfect');
    expect(result.bestScore).toBe(1);
    // The run ends with the phase that reached it, before the cycles are done.
    expect(result.history.at(-1)?.scoreAfter).toBe(1);
    expect(result.history.filter((r) => r.scoreBefore === 1)).toEqual([]);
    expect(result.history.length).toBeLessThan(6);
  });
});
