import { describe, expect, it } from 'vitest';
import type { CopaCheckpoint } from '../../../src/core/optimizers/checkpoint';
import { replayEvents } from '../../../src/core/optimizers/replay';
import { RunState } from '../../../src/ui/run-state.svelte';
import type { RunEvent, RunOutcome } from '../../../src/worker/api';
import type { CopaClient } from '../../../src/worker/client';
import { copa } from '../core/optimizers/copa-fixture';
import { toyModel } from '../core/optimizers/toy-task';
import { standInEngine, ticketRoutingTask } from '../helpers/run-state-fakes';

/** A recorded run's events up to the end of phase `last`, and its stored story to then. */
async function recordedRun(last: number): Promise<{ live: RunEvent[]; stored: RunEvent[] }> {
  const events: RunEvent[] = [];
  const saved: CopaCheckpoint[] = [];
  await copa(toyModel(), {
    onEvent: (e) => events.push(structuredClone(e)),
    onCheckpoint: (cp) => {
      saved.push(cp);
    },
  });
  const end = events.findIndex((e) => e.type === 'phase-finished' && e.record.index === last);
  const atEnd = saved.find((cp) => cp.nextPhase === last + 1) as CopaCheckpoint;
  return { live: events.slice(0, end + 1), stored: replayEvents(atEnd, () => undefined) };
}

describe('RunState: a paused run that went on in another tab', () => {
  it('shows the phases it ran there before the ones this tab runs', async () => {
    const { live, stored } = await recordedRun(1);
    // This tab ran phase 0 and paused; the other tab ran phase 1 and paused.
    const mine = live.slice(
      0,
      live.findIndex((e) => e.type === 'phase-finished' && e.record.index === 0) + 1,
    );
    const resumed = {
      type: 'run-started',
      method: 'copa',
      config: {},
      estimate: { lmCalls: 100, promptTokens: 0, completionTokens: 0 },
      resumedAtPhase: 2,
      wallMs: 0,
    } as RunEvent;
    const client = {
      startRun: async (_request: unknown, onEvents: (events: RunEvent[]) => void) => {
        onEvents(mine);
        return { status: 'paused', runId: 'r1', result: { curve: [] } } as unknown as RunOutcome;
      },
      resumeRun: (onEvents: (events: RunEvent[]) => void) => {
        onEvents([resumed, { type: 'phase-started', index: 2, cycle: 1, kind: 'compilation' }]);
        return new Promise<RunOutcome>(() => undefined);
      },
      storedRunHistory: async () => stored,
      modelUsage: async () => null,
    } as unknown as CopaClient;
    const engine = standInEngine({ refreshUsage: async () => undefined });
    const run = new RunState(client, engine, ticketRoutingTask());
    await run.start();
    expect(run.view.phases.map((p) => p.index)).toEqual([0]);
    void run.resume();
    await expect
      .poll(() => run.view.phases.map((p) => [p.index, p.done]))
      .toEqual([
        [0, true],
        [1, true],
        [2, false],
      ]);
    expect(run.lines.at(-1)).toBe(
      '1 phase of this run went on in another tab: shown from the saved run.',
    );
  });
});
