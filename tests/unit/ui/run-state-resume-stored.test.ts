import { describe, expect, it } from 'vitest';
import type { ProgramState } from '../../../src/core/program';
import type { EngineState } from '../../../src/ui/engine-state.svelte';
import { DEFAULT_RUN_SETTINGS, RunState } from '../../../src/ui/run-state.svelte';
import { copaConfigOf, runSettingsOf } from '../../../src/ui/run-settings';
import type { TaskState } from '../../../src/ui/task-state.svelte';
import type { RunEvent, RunOutcome, StoredRunResults } from '../../../src/worker/api';
import type { CopaClient } from '../../../src/worker/client';

const START = {
  predictors: { dates: { instruction: 'Normalize the date.' } },
} as unknown as ProgramState;

/** A run of another task than the one chosen, cut off after a reload, with its own settings. */
const STORED: StoredRunResults = {
  runId: 'r1',
  name: 'Date normalization',
  status: 'running',
  taskId: 'date-normalization',
  model: { kind: 'standin', modelId: 'stand-in-v2', label: 'Stand-in', standIn: true },
  settings: { cycles: 2, seed: 7, budget: { maxCalls: 300 }, acceptMargin: 1 },
  startProgram: START,
  bestProgram: START,
  baselineScore: 0.5,
  bestScore: 0.7,
};

/** The run-started event of a run resumed at phase 2. */
const RESUMED: RunEvent = {
  type: 'run-started',
  method: 'copa',
  config: {},
  estimate: { lmCalls: 100, promptTokens: 0, completionTokens: 0 },
  resumedAtPhase: 2,
  wallMs: 60_000,
} as RunEvent;

function resumable(
  status: StoredRunResults['status'] = STORED.status,
  more: Partial<StoredRunResults> = {},
) {
  const chosen: { taskId?: string; datasetId?: string }[] = [];
  const client = {
    storedRunResults: async () => ({ ...STORED, status, ...more }),
    // The run goes on; what it returns does not matter here.
    resumeStoredRun: (_id: string, onEvents: (events: RunEvent[]) => void) => {
      onEvents([RESUMED]);
      return new Promise<RunOutcome>(() => undefined);
    },
  } as unknown as CopaClient;
  const task = {
    useRunData: async (run: { taskId?: string; datasetId?: string }) => {
      chosen.push({ taskId: run.taskId, datasetId: run.datasetId });
    },
  } as unknown as TaskState;
  const engine = { status: { kind: 'standin', modelId: 'stand-in-v2', label: 'Stand-in' } };
  const run = new RunState(client, engine as unknown as EngineState, task);
  return { run, chosen };
}

describe('RunState.resumeStored', () => {
  it("shows the run's own task, start program and settings while it goes on", async () => {
    const { run, chosen } = resumable();
    void run.resumeStored('r1', 'Date normalization');
    await new Promise((resolve) => setTimeout(resolve, 0));
    // Results scored a date program on the ticket-routing data chosen before the reload (0%).
    expect(chosen).toEqual([{ taskId: 'date-normalization', datasetId: undefined }]);
    expect(run.startProgram).toEqual(START);
    // The form (and the estimate beside the run) showed 3 cycles and seed 0 for a 2-cycle run.
    expect(run.settings).toMatchObject({ cycles: 2, seed: 7, maxCalls: 300, clearGainsOnly: true });
    expect(run.running).toBe(true);
    expect(run.resumedFrom).toBe('Date normalization');
  });

  it('says the phase cut off by a reload or an error is run again, and not after a pause', async () => {
    for (const [status, cutOff] of [
      ['running', true],
      ['failed', true],
      ['paused', false],
    ] as const) {
      const { run } = resumable(status);
      void run.resumeStored('r1', 'Date normalization');
      await new Promise((resolve) => setTimeout(resolve, 0));
      expect(run.clock.resumed, status).toEqual({ atPhase: 2, cutOff });
    }
  });

  it('says the phase is run again of a run paused because its GPU was lost, then reloaded', async () => {
    // Stored as paused, like a pause between phases, but with the error that stopped it inside
    // a phase: its running time said "time paused not counted" and stepped back.
    const lost = { name: 'GPUDeviceLostError', message: 'The GPU was lost.' };
    const { run } = resumable('paused', { error: lost });
    void run.resumeStored('r1', 'Date normalization');
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(run.clock.resumed).toEqual({ atPhase: 2, cutOff: true });
  });
});

describe('run settings and COPA configuration', () => {
  it('read back the settings they were made from', () => {
    const settings = {
      ...DEFAULT_RUN_SETTINGS,
      cycles: 5,
      maxMinutes: 20,
      startWith: 'prompt' as const,
    };
    expect(runSettingsOf(copaConfigOf(settings))).toEqual(settings);
    expect(runSettingsOf({})).toEqual(DEFAULT_RUN_SETTINGS);
  });
});
