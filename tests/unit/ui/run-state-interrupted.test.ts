import { describe, expect, it } from 'vitest';
import type { EngineState } from '../../../src/ui/engine-state.svelte';
import { RunState } from '../../../src/ui/run-state.svelte';
import type { TaskState } from '../../../src/ui/task-state.svelte';
import type { RunLockState, RunSummary } from '../../../src/worker/api';
import type { CopaClient } from '../../../src/worker/client';

function summary(over: Partial<RunSummary>): RunSummary {
  return {
    id: 'r1',
    name: 'Support ticket routing',
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:01:00.000Z',
    status: 'running',
    checkpoints: 2,
    ...over,
  };
}

function runWith(items: RunSummary[], lock: RunLockState = { busy: false, here: false }) {
  const client = {
    listRuns: async () => ({ items, problems: [] }),
    runLockState: async () => lock,
  } as unknown as CopaClient;
  return new RunState(client, {} as EngineState, {} as TaskState);
}

describe('RunState.findInterrupted', () => {
  it('finds the latest unfinished run with a saved phase', async () => {
    const run = runWith([
      summary({ id: 'old', updatedAt: '2026-01-01T00:00:30.000Z' }),
      summary({ id: 'new' }),
      summary({ id: 'done', status: 'finished', updatedAt: '2026-01-02T00:00:00.000Z' }),
    ]);
    await run.findInterrupted();
    expect(run.interrupted?.id).toBe('new');
  });

  it('finds none when no unfinished run has a saved phase', async () => {
    const run = runWith([summary({ checkpoints: 0 }), summary({ status: 'finished' })]);
    await run.findInterrupted();
    expect(run.interrupted).toBeNull();
  });

  it('offers nothing while another tab holds the run lock (that run is not cut off)', async () => {
    const run = runWith([summary({})], { busy: true, here: false });
    await run.findInterrupted();
    expect(run.interrupted).toBeNull();
  });

  it('stays quiet when the runs cannot be listed', async () => {
    const client = {
      listRuns: async () => Promise.reject(new Error('storage refused')),
      runLockState: async () => ({ busy: false, here: false }),
    } as unknown as CopaClient;
    const run = new RunState(client, {} as EngineState, {} as TaskState);
    await run.findInterrupted();
    expect(run.interrupted).toBeNull();
    expect(run.error).toBeNull();
  });
});
