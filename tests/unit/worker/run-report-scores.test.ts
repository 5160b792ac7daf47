import { describe, expect, it } from 'vitest';
import { createCopaService } from '../../../src/worker/service';
import { getTask } from '../../../src/tasks/index';
import { adapterEnv, deps } from './fakes';
import { freshProfile, smallRun, tabStorage, TICKET_TASK } from './storage-fixtures';

describe("A stored run's report, as runs are compared by it", () => {
  it('names the metric, and holds the test scores once an evaluation is kept with the run', async () => {
    const service = createCopaService({
      ...deps(adapterEnv(null)),
      storage: tabStorage(freshProfile()),
    });
    await service.useStandIn(0);
    const outcome = await service.startRun(
      { task: TICKET_TASK, config: smallRun(2) },
      () => undefined,
    );
    const runId = outcome.runId!;
    const before = await service.runReport(runId);
    expect(before?.metricId).toBe(getTask('ticket-routing').metricId);
    expect(before?.evaluation).toBeUndefined();

    const baseline = await service.evaluateProgram({ task: TICKET_TASK, split: 'test', limit: 6 });
    const optimized = await service.evaluateProgram({
      task: TICKET_TASK,
      split: 'test',
      limit: 6,
      program: outcome.result.program,
    });
    await service.saveRunEvaluation(runId, { baseline, optimized });
    const after = await service.runReport(runId);
    expect(after?.evaluation).toEqual({
      baseline: baseline.score,
      optimized: optimized.score,
      examples: baseline.evaluated,
      evaluatedAt: expect.any(String),
    });
    // An edited metric is the run's metric.
    const edited = await service.startRun(
      { task: { ...TICKET_TASK, metricId: 'exact_match' }, config: smallRun(2) },
      () => undefined,
    );
    expect((await service.runReport(edited.runId!))?.metricId).toBe('exact_match');
  });
});
