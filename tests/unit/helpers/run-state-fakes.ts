import type { EngineState } from '../../../src/ui/engine-state.svelte';
import type { TaskState } from '../../../src/ui/task-state.svelte';

/** The page's task as a RunState reads it when it starts a run: built-in ticket routing. */
export function ticketRoutingTask(): TaskState {
  return {
    ref: () => ({ kind: 'builtin', id: 'ticket-routing' }),
    program: null,
    datasetId: null,
  } as unknown as TaskState;
}

/**
 * The stand-in engine as a RunState reads it, with what a test's run needs besides (say, the
 * callbacks a run that lost its engine calls).
 */
export function standInEngine(more: Partial<EngineState> = {}): EngineState {
  return { status: { label: 'Stand-in', kind: 'standin' }, ...more } as unknown as EngineState;
}
