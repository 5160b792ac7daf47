import { describe, expect, it } from 'vitest';
import type { EngineState } from '../../../src/ui/engine-state.svelte';
import { RunState } from '../../../src/ui/run-state.svelte';
import type { TaskState } from '../../../src/ui/task-state.svelte';
import type { CopaClient } from '../../../src/worker/client';

/** A run state whose worker refuses every start with the given error. */
function refusing(name: string, message: string): RunState {
  const client = {
    startRun: async () => {
      const err = new Error(message);
      err.name = name;
      throw err;
    },
  } as unknown as CopaClient;
  const engine = { status: { label: 'Stand-in', kind: 'standin' } } as unknown as EngineState;
  const task = {
    ref: () => ({ kind: 'builtin', id: 'ticket-routing' }),
    program: null,
    datasetId: null,
  } as unknown as TaskState;
  return new RunState(client, engine, task);
}

describe('RunState.shownError', () => {
  it('drops a complaint about the settings once a setting changes', async () => {
    const run = refusing(
      'RunSettingsError',
      'Cycles must be 1 to 10 (got 100). Change it and try again.',
    );
    run.settings.cycles = 100;
    await run.start();
    expect(run.shownError?.name).toBe('RunSettingsError');
    run.settings.cycles = 3;
    expect(run.shownError).toBeNull();
    // The error itself is kept for what reads it (a retry clears it as before).
    expect(run.error?.name).toBe('RunSettingsError');
  });

  it('keeps any other error when a setting changes', async () => {
    const run = refusing('StorageError', 'The browser refused to store the run.');
    await run.start();
    run.settings.cycles = 2;
    expect(run.shownError?.name).toBe('StorageError');
  });
});
