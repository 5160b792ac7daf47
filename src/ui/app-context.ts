import { createContext } from 'svelte';
import type { CopaClient } from '../worker/client';
import type { EngineState } from './engine-state.svelte';
import type { NavState } from './nav-state.svelte';
import type { ResultsState } from './results-state.svelte';
import type { RunState } from './run-state.svelte';
import type { ServerState } from './model/server-state.svelte';
import type { TaskState } from './task-state.svelte';

/** The page's shared state, made once by App and read by every screen. */
export interface AppContext {
  client: CopaClient;
  engine: EngineState;
  server: ServerState;
  task: TaskState;
  run: RunState;
  results: ResultsState;
  nav: NavState;
}

/** Screens read the page's state from here instead of having it passed down as props. */
export const [getAppContext, setAppContext] = createContext<AppContext>();
