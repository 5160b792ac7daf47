import { describe, expect, it } from 'vitest';
import { getTask } from '../../../src/tasks/index';
import type { TaskRef } from '../../../src/worker/api';
import { createCopaService } from '../../../src/worker/service';
import { adapterEnv, deps } from './fakes';
import { smallRun } from './storage-fixtures';

const ticket = getTask('ticket-routing');

/** The ticket task on data of its own, with the splits given (a dataset imported that way). */
function onData(splits: { train: number; val: number; test: number }): TaskRef {
  const rows = [...ticket.splits.train, ...ticket.splits.val, ...ticket.splits.test];
  const take = (from: number, n: number) => rows.slice(from, from + n);
  return {
    kind: 'custom',
    program: ticket.program.toState(),
    metricId: ticket.metricId,
    targetField: ticket.targetField,
    trainset: take(0, splits.train),
    valset: take(splits.train, splits.val),
    testset: take(splits.train + splits.val, splits.test),
  };
}

describe('The worker service: data a run or Results cannot use', () => {
  it.each([
    [{ train: 6, val: 0, test: 3 }, /^This dataset has no validation examples: COPA scores every/],
    [{ train: 0, val: 6, test: 3 }, /^This dataset has no training examples: COPA picks its demos/],
  ])('refuses to start a run on %o, saying why, before the run begins', async (sizes, words) => {
    const service = createCopaService(deps(adapterEnv(null)));
    await service.useStandIn(0);
    const events: unknown[] = [];
    const started = service.startRun({ task: onData(sizes), config: smallRun() }, (b) =>
      events.push(...b),
    );
    await expect(started).rejects.toMatchObject({ name: 'EmptySplitError' });
    await expect(started).rejects.toThrow(words);
    expect(events).toEqual([]);
  });

  it('runs on data without a test set, and Results is told there is nothing to score there', async () => {
    const service = createCopaService(deps(adapterEnv(null)));
    await service.useStandIn(0);
    const task = onData({ train: 8, val: 6, test: 0 });
    const outcome = await service.startRun({ task, config: smallRun() }, () => undefined);
    expect(outcome.status).toBe('finished');
    const scored = service.evaluateProgram({ task, split: 'test' });
    await expect(scored).rejects.toMatchObject({ name: 'EmptySplitError' });
    await expect(scored).rejects.toThrow(/no test examples, so there is nothing to score/);
  });
});
