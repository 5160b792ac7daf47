import { describe, expect, it } from 'vitest';
import type { EngineState } from '../../../src/ui/engine-state.svelte';
import { RunState } from '../../../src/ui/run-state.svelte';
import type { TaskState } from '../../../src/ui/task-state.svelte';
import type { RunOutcome } from '../../../src/worker/api';
import type { CopaClient } from '../../../src/worker/client';

function finished(extra: Partial<RunOutcome>): RunOutcome {
  return { status: 'finished', stopReason: 'cycles-done', ...extra } as RunOutcome;
}

describe('RunState.programDeleted', () => {
  const run = (): RunState => new RunState({} as CopaClient, {} as EngineState, {} as TaskState);

  it('is true for a stored finished run whose program was deleted in the Library', () => {
    const r = run();
    r.outcome = finished({ runId: 'run-1', programId: 'prog-1' });
    expect(r.programDeleted).toBe(false);
    r.forgetProgram('prog-1');
    expect(r.programDeleted).toBe(true);
  });

  it('is false for a run the worker could not store (no IndexedDB): it has no program to delete', () => {
    const r = run();
    r.outcome = finished({});
    expect(r.programDeleted).toBe(false);
  });

  it('is false for a cancelled run that saved nothing', () => {
    const r = run();
    r.outcome = { ...finished({ runId: 'run-1' }), status: 'cancelled' };
    expect(r.programDeleted).toBe(false);
  });
});
