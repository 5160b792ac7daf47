import { describe, expect, it } from 'vitest';
import { RunState } from '../../../src/ui/run-state.svelte';
import { standInEngine, ticketRoutingTask } from '../helpers/run-state-fakes';
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
  return new RunState(client, standInEngine(), ticketRoutingTask());
}

describe('RunState.shownError', () => {
  it('drops a complaint about the settings once a setting changes', async () => {
    const run = refusing(
      'RunSettingsError',
      'Cycles must be 1 to 10 (got 40). Change it and try again.',
    );
    // In the form's range (which the worker's own check may narrow): the worker refuses it.
    run.settings.cycles = 40;
    await run.start();
    expect(run.shownError?.name).toBe('RunSettingsError');
    run.settings.cycles = 3;
    expect(run.shownError).toBeNull();
    // The error itself is kept for what reads it (a retry clears it as before).
    expect(run.error?.name).toBe('RunSettingsError');
  });

  it('does not start with settings the form refuses (the form says why beside the box)', async () => {
    let starts = 0;
    const run = new RunState(
      {
        startRun: async () => {
          starts++;
          throw new Error('not reached');
        },
      } as unknown as CopaClient,
      standInEngine(),
      ticketRoutingTask(),
    );
    // What Svelte's bind:value gives for a number box holding "1e400" (or nothing).
    (run.settings as { maxCalls: number | null }).maxCalls = null;
    expect(run.settingProblems.maxCalls).toMatch(/from 0 to 10,000,000/);
    await run.start();
    expect(starts).toBe(0);
    run.settings.maxCalls = 100;
    expect(run.settingsValid).toBe(true);
  });

  it('keeps any other error when a setting changes', async () => {
    const run = refusing('StorageError', 'The browser refused to store the run.');
    await run.start();
    run.settings.cycles = 2;
    expect(run.shownError?.name).toBe('StorageError');
  });
});
