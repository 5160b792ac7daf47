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

describe('RunState after a full disk', () => {
  it('a start refused by full storage before the run began offers no Resume', async () => {
    // "Its finished phases are kept: free some space, then Resume" was said of a run that had
    // none, and Resume went on with the worker's last run instead.
    const run = refusing('StorageQuotaError', "The browser's storage for this site is full.");
    await run.start();
    expect(run.error?.name).toBe('StorageQuotaError');
    expect(run.paused).toBe(false);
  });

  it('a run that full storage stopped after it began stays paused, also when a resume is refused', async () => {
    const full = () => {
      const err = new Error("The browser's storage for this site is full.");
      err.name = 'StorageQuotaError';
      return err;
    };
    const client = {
      resumeRun: async () => {
        throw full();
      },
      startRun: async (_request: unknown, onEvents: (events: unknown[]) => void) => {
        onEvents([
          {
            type: 'run-started',
            method: 'copa',
            config: {},
            estimate: { lmCalls: 100, promptTokens: 0, completionTokens: 0 },
          },
        ]);
        throw full();
      },
    } as unknown as CopaClient;
    const run = new RunState(client, standInEngine(), ticketRoutingTask());
    await run.start();
    expect(run.paused).toBe(true);
    // Still full: the resume is refused before anything happens, and the run is still paused.
    await run.resume();
    expect(run.paused).toBe(true);
  });
});

describe('RunState after a refused resume', () => {
  it('a paused run whose resume another tab refuses stays paused, to resume later', async () => {
    const busy = () => {
      const err = new Error('An optimization run is already going on in this or another tab.');
      err.name = 'RunBusyError';
      return err;
    };
    const client = {
      resumeRun: async () => {
        throw busy();
      },
    } as unknown as CopaClient;
    const run = new RunState(client, standInEngine(), ticketRoutingTask());
    run.paused = true;
    await run.resume();
    expect(run.error?.name).toBe('RunBusyError');
    expect(run.paused).toBe(true);
  });
});
