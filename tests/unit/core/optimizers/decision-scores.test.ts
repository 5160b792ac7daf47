import { describe, expect, it } from 'vitest';
import { chatAdapter } from '../../../../src/core/adapters/chat-adapter';
import { runCopa } from '../../../../src/core/optimizers/copa';
import type { RunEvent } from '../../../../src/core/optimizers/events';
import { StandInModel } from '../../../../src/engines/standin/standin-model';
import { builtInCopaTask } from './built-in-task';

describe("a phase's decision", () => {
  it('reports the start program as the phase measured it, on part of the validation set when so', async () => {
    // Date normalization, seed 0: the labeled demo set is clearly ahead of the start program on
    // the minibatch, so the start program is never scored in full.
    const { task, copaTask } = builtInCopaTask('date-normalization', 0);
    const events: RunEvent[] = [];
    const result = await runCopa(copaTask, {
      lm: new StandInModel({ seed: 0 }),
      adapter: chatAdapter,
      config: { seed: 0, cycles: 1 },
      onEvent: (e) => events.push(e),
    });
    const first = result.history[0]!;
    const decision = events.find((e) => e.type === 'decision' && e.phase === 0);
    expect(first.scoreBeforeExamples).toBeLessThan(task.splits.val.length);
    expect(first.scoreBefore).toBeGreaterThan(0);
    expect(decision).toMatchObject({
      incumbentScore: first.scoreBefore,
      incumbentExamples: first.scoreBeforeExamples,
    });
    // The prompt phase starts from a program scored in full.
    const second = events.find((e) => e.type === 'decision' && e.phase === 1);
    expect(second).toMatchObject({ incumbentScore: first.scoreAfter });
    expect(second).not.toHaveProperty('incumbentExamples');
  });
});
