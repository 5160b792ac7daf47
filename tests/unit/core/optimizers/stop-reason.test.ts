import { describe, expect, it } from 'vitest';
import { chatAdapter } from '../../../../src/core/adapters/chat-adapter';
import type { CopaCheckpoint } from '../../../../src/core/optimizers/checkpoint';
import { resolveCopaConfig } from '../../../../src/core/optimizers/copa-config';
import { runCopa } from '../../../../src/core/optimizers/copa';
import type { PhaseRecord } from '../../../../src/core/optimizers/records';
import { stopReasonOf } from '../../../../src/core/optimizers/stop-reason';
import { StandInModel } from '../../../../src/engines/standin/standin-model';
import { builtInCopaTask } from './built-in-task';
import { kvAdapter } from '../../helpers/kv-adapter';
import { easyMinibatchRun } from './easy-minibatch';

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

  it('does not call the first cycle converged against a minibatch estimate of the start program', () => {
    // The start program was never scored in full: the first phase accepted a candidate clearly
    // ahead of it on a 20-example minibatch (10 of 20 right there, 50%). The winner scores 50%
    // on all 40 examples: its gain over the start program is not measured by 50% - 50%.
    const winner = [...Array<number>(20).fill(1), ...Array<number>(20).fill(0)];
    const cp = {
      exampleScores: winner,
      bestScore: 0.5,
      baselineScore: 0.5,
      baselineExamples: 20,
      cycleStartScore: 0.5,
      history: [{ accepted: true }, { accepted: false }] as PhaseRecord[],
    } as unknown as CopaCheckpoint;
    expect(stopReasonOf(cp, config, 1)).toBeNull();
    // Once the start program's score rests on every example, the rule applies as before; so
    // it does in later cycles, which start from a full score.
    expect(stopReasonOf({ ...cp, baselineExamples: 40 }, config, 1)).toBe('converged');
    const later = [{ accepted: true }, { accepted: true }, { accepted: false }, { accepted: true }];
    expect(stopReasonOf({ ...cp, history: later as PhaseRecord[] }, config, 3)).toBe('converged');
  });

  it('goes on after a first cycle whose winner beat the start program on a minibatch it found easy', async () => {
    const { task, lm, config: easy } = easyMinibatchRun();
    const r = await runCopa(task, { lm, adapter: kvAdapter, config: easy });
    expect(r.history[0]?.accepted).toBe(true);
    expect(r.history[0]?.scoreBeforeExamples).toBe(20);
    expect(r.history[0]?.scoreAfter).toBe(0.5);
    expect(r.checkpoint.baselineScore).toBe(0.5);
    // Nothing later helps: the run ends because a cycle changed nothing, not as 'converged'
    // after a first cycle that doubled the start program's score.
    expect(r.history.length).toBeGreaterThan(2);
    expect(r.stopReason).toBe('no-change');
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
