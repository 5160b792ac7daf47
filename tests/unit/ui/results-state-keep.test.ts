import { describe, expect, it } from 'vitest';
import { ResultsState } from '../../../src/ui/results-state.svelte';
import { RunState } from '../../../src/ui/run-state.svelte';
import type { CopaClient } from '../../../src/worker/client';
import type { EvaluateSummary, RunOutcome } from '../../../src/worker/api';
import { standInEngine, ticketRoutingTask } from '../helpers/run-state-fakes';

const summary: EvaluateSummary = {
  score: 0.5,
  total: 2,
  evaluated: 2,
  stoppedReason: 'completed',
  parseFailures: 0,
  constraintViolations: 0,
  errors: 0,
  results: [],
};

/** Results of a finished stored run, with a worker whose saving of the scores fails so. */
function resultsSavingWith(failure: { name: string; message: string }): ResultsState {
  const client = {
    evaluateProgram: async () => summary,
    saveRunEvaluation: async () => {
      throw Object.assign(new Error(failure.message), { name: failure.name });
    },
  } as unknown as CopaClient;
  const task = ticketRoutingTask();
  const run = new RunState(client, standInEngine(), task);
  run.outcome = {
    status: 'finished',
    runId: 'run-1',
    result: { program: { version: 1, description: '', steps: [] } },
  } as unknown as RunOutcome;
  return new ResultsState(client, task, run);
}

describe('ResultsState keeping the test scores with their run', () => {
  it('says when full storage kept them from being saved, and shows them all the same', async () => {
    const results = resultsSavingWith({
      name: 'StorageQuotaError',
      message: "The browser's storage for this site is full, so this was not saved.",
    });
    await results.evaluate();
    expect(results.optimized).toEqual(summary);
    // They were shown as saved, and were gone after a reload.
    expect(results.error?.name).toBe('StorageQuotaError');
    expect(results.error?.message).toMatch(/not kept with the run.*storage for this site is full/);
  });

  it('says nothing when the run is no longer stored (deleted in another tab)', async () => {
    const results = resultsSavingWith({
      name: 'RecordNotFoundError',
      message: 'No run "run-1" is stored (it may have been deleted in another tab).',
    });
    await results.evaluate();
    expect(results.error).toBeNull();
  });
});
