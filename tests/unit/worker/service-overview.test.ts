import { describe, expect, it } from 'vitest';
import type { RunEvent } from '../../../src/core/optimizers/events';
import { getTask } from '../../../src/tasks/index';
import { createCopaService } from '../../../src/worker/service';
import { adapterEnv, deps } from './fakes';

const task = { kind: 'builtin' as const, taskId: 'ticket-routing' };

describe('The worker service: task overview', () => {
  it('describes a built-in task: its program, constraints, sizes, sample inputs and a cost that grows with cycles', async () => {
    const service = createCopaService(deps(adapterEnv(null)));
    const builtin = getTask('ticket-routing');
    const one = await service.taskOverview({ task, config: { cycles: 1 } });
    const three = await service.taskOverview({ task, config: { cycles: 3 } });
    expect(one.program).toEqual(builtin.program.toState());
    expect(one.constraints).toEqual(builtin.constraints);
    expect(one.sizes.val).toBe(builtin.splits.val.length);
    expect(one.sampleInputs.length).toBeGreaterThan(0);
    // Only the program's inputs: the gold answer must not leak into "try it".
    for (const inputs of one.sampleInputs)
      expect(Object.keys(inputs).sort()).toEqual([...builtin.program.inputFields].sort());
    expect(three.estimate.lmCalls).toBeGreaterThan(one.estimate.lmCalls);
    // Several cycles: what the first one costs is given too (a run often ends after it); it is
    // what a one-cycle run costs. One cycle: nothing more to say.
    expect(three.firstCycleEstimate).toEqual(one.estimate);
    expect(one.firstCycleEstimate).toBeUndefined();
  });

  it('refuses an unknown task with a named error', async () => {
    const service = createCopaService(deps(adapterEnv(null)));
    await expect(
      service.taskOverview({ task: { kind: 'builtin', taskId: 'nope' } }),
    ).rejects.toBeInstanceOf(Error);
  });

  it('phase-finished events carry the program after the phase, with demo origins', async () => {
    const service = createCopaService(deps(adapterEnv(null)));
    await service.useStandIn(0);
    const events: RunEvent[] = [];
    await service.startRun(
      {
        task,
        config: { cycles: 1, demoCandidates: 3, instructionCandidates: 2, minibatchSize: 10 },
      },
      (b) => events.push(...b),
    );
    const finished = events.filter((e) => e.type === 'phase-finished');
    expect(finished.length).toBeGreaterThan(0);
    for (const e of finished) {
      expect(e.program?.steps.length).toBeGreaterThan(0);
      for (const d of e.program?.steps[0]?.demos ?? []) expect(typeof d.augmented).toBe('boolean');
    }
  });
});
