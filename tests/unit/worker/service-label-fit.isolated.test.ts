import { describe, expect, it, vi } from 'vitest';
import { estimateCopaCycles } from '../../../src/core/optimizers/cost-estimate';
import { withLabels } from '../../../src/core/interop/dataset/adapt-program';
import { getTask } from '../../../src/tasks/index';
import { createCopaService } from '../../../src/worker/service';
import type { CopaClient } from '../../../src/worker/client';
import type { LabelMismatch, TaskRef } from '../../../src/worker/api';
import { DraftLabelFit } from '../../../src/ui/program/draft-label-fit.svelte';
import { adapterEnv, deps } from './fakes';

// Counts the cost estimates the worker makes, computing them as before.
vi.mock('../../../src/core/optimizers/cost-estimate', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../src/core/optimizers/cost-estimate')>();
  return { ...real, estimateCopaCycles: vi.fn(real.estimateCopaCycles) };
});

const builtin = getTask('ticket-routing');

/** The ticket task with its program answering other labels than the data's departments. */
function draftWithOtherLabels(): TaskRef {
  const rules = {
    metricId: builtin.metricId,
    targetField: builtin.targetField,
    constraints: [...builtin.constraints],
  };
  const draft = withLabels(builtin.program.toState(), rules, 'department', [
    'positive',
    'negative',
  ]);
  return { kind: 'builtin', taskId: 'ticket-routing', program: draft.program, ...draft.rules };
}

describe('The worker service: the label check of a draft alone', () => {
  it('finds what the task overview finds, without estimating the cost of a run', async () => {
    const service = createCopaService(deps(adapterEnv(null)));
    const task = draftWithOtherLabels();
    const estimates = vi.mocked(estimateCopaCycles);
    estimates.mockClear();
    const found = await service.labelMismatches({ task });
    expect(estimates).not.toHaveBeenCalled();
    expect(found.map((m) => [m.field, m.unused])).toEqual([
      ['department', ['positive', 'negative']],
    ]);
    const overview = await service.taskOverview({ task });
    expect(estimates).toHaveBeenCalledTimes(1);
    expect(found).toEqual(overview.labelMismatches);
    // The task's own program fits its data.
    expect(
      await service.labelMismatches({ task: { kind: 'builtin', taskId: 'ticket-routing' } }),
    ).toEqual([]);
  });
});

describe('DraftLabelFit', () => {
  it('asks the worker for the label check alone, not for the whole task overview', async () => {
    const asked: unknown[] = [];
    const mismatch = { field: 'department' } as LabelMismatch;
    const client = {
      labelMismatches: (request: unknown) => {
        asked.push(request);
        return Promise.resolve([mismatch]);
      },
      taskOverview: () => Promise.reject(new Error('the whole overview was asked')),
    } as unknown as CopaClient;
    const fit = new DraftLabelFit(client);
    const rules = {
      metricId: builtin.metricId,
      targetField: builtin.targetField,
      constraints: [...builtin.constraints],
    };
    await fit.check('ticket-routing', 'd1', builtin.program.toState(), rules);
    expect(fit.mismatches).toEqual([mismatch]);
    expect(asked).toEqual([
      {
        task: {
          kind: 'builtin',
          taskId: 'ticket-routing',
          program: builtin.program.toState(),
          ...rules,
        },
        datasetId: 'd1',
      },
    ]);
  });
});
