import { describe, expect, it } from 'vitest';
import { RunState } from '../../../src/ui/run-state.svelte';
import { standInEngine, ticketRoutingTask } from '../helpers/run-state-fakes';
import type { RunEvent, RunOutcome } from '../../../src/worker/api';
import type { CopaClient } from '../../../src/worker/client';

const started = (resumedAtPhase?: number): RunEvent =>
  ({
    type: 'run-started',
    method: 'copa',
    config: {},
    estimate: { lmCalls: 100, promptTokens: 0, completionTokens: 0 },
    wallMs: 0,
    ...(resumedAtPhase !== undefined ? { resumedAtPhase } : {}),
  }) as RunEvent;

type Stop = { outcome: RunOutcome['status'] } | { error: string };

/**
 * A run state whose first run stops as `stop` says, and whose resumes go on (after the ones
 * `refusals` names are refused before they start).
 */
function stoppedRun(stop: Stop, refusals = 0): RunState {
  let refused = 0;
  const client = {
    startRun: async (_request: unknown, onEvents: (events: RunEvent[]) => void) => {
      onEvents([started()]);
      if ('error' in stop) {
        const err = new Error('It stopped.');
        err.name = stop.error;
        throw err;
      }
      return {
        status: stop.outcome,
        stopReason: 'paused',
        result: { curve: [] },
        ...(stop.outcome === 'engine-lost'
          ? { error: { name: 'DeviceLostError', message: 'The GPU was lost.' } }
          : {}),
      } as unknown as RunOutcome;
    },
    resumeRun: (onEvents: (events: RunEvent[]) => void) => {
      if (refused++ < refusals) return Promise.reject(new Error('Load the model first.'));
      onEvents([started(1)]);
      return new Promise<RunOutcome>(() => undefined);
    },
    modelUsage: async () => null,
  } as unknown as CopaClient;
  const engine = standInEngine({
    engineLost: () => undefined,
    refreshUsage: async () => undefined,
  });
  return new RunState(client, engine, ticketRoutingTask());
}

describe("RunState: a run resumed in its page, and what its running time's line says", () => {
  it('after a pause between phases, nothing is run again', async () => {
    const run = stoppedRun({ outcome: 'paused' });
    await run.start();
    void run.resume();
    expect(run.clock.resumed).toEqual({ atPhase: 1, cutOff: false });
  });

  it('after the GPU was lost, or an error stopped it, the phase cut off is run again', async () => {
    for (const stop of [{ outcome: 'engine-lost' }, { error: 'EngineFailureError' }] as const) {
      const run = stoppedRun(stop);
      await run.start();
      expect(run.paused).toBe(true);
      void run.resume();
      expect(run.clock.resumed, JSON.stringify(stop)).toEqual({ atPhase: 1, cutOff: true });
    }
  });

  it('a resume refused before it started leaves the run paused between phases as it was', async () => {
    const run = stoppedRun({ outcome: 'paused' }, 1);
    await run.start();
    await run.resume();
    expect(run.error).not.toBeNull();
    void run.resume();
    expect(run.clock.resumed).toEqual({ atPhase: 1, cutOff: false });
  });
});
