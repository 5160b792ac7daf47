/*
 * The browser tab's title follows a run, so someone working in another tab sees how far it is
 * and when it ends: "Running · 42% · COPA Playground", then "Finished · COPA Playground".
 */

export const APP_TITLE = 'COPA Playground';

/** What the title says of the run in this page (null: no run going on or just ended). */
export type RunTitleState =
  | { kind: 'running'; progress: string | null }
  | { kind: 'paused' | 'finished' | 'cancelled' | 'stopped' };

const WORD: Readonly<Record<RunTitleState['kind'], string>> = {
  running: 'Running',
  paused: 'Paused',
  finished: 'Finished',
  cancelled: 'Cancelled',
  stopped: 'Stopped',
};

/** The tab's title: the run's state first (a tab shows the start of its title), then the app. */
export function tabTitle(state: RunTitleState | null): string {
  if (state === null) return APP_TITLE;
  const progress = state.kind === 'running' && state.progress ? ` · ${state.progress}` : '';
  return `${WORD[state.kind]}${progress} · ${APP_TITLE}`;
}

/** The parts of a run's page state the title reads. */
export interface RunTitleFacts {
  running: boolean;
  paused: boolean;
  /** How the run ended (RunOutcome's status), when it did. */
  outcome: 'finished' | 'cancelled' | 'paused' | 'engine-lost' | null;
  /** The run stopped with an error (a failing model, full storage, the worker gone). */
  failed: boolean;
}

/** Which state the title names; null when no run has gone on in this page. */
export function runTitleState(facts: RunTitleFacts, progress: string | null): RunTitleState | null {
  if (facts.running) return { kind: 'running', progress };
  // A run that can resume (paused, a lost GPU, a model that kept failing) is paused.
  if (facts.paused) return { kind: 'paused' };
  if (facts.outcome === 'finished') return { kind: 'finished' };
  if (facts.outcome === 'cancelled') return { kind: 'cancelled' };
  if (facts.failed) return { kind: 'stopped' };
  return null;
}

export interface RunProgressFacts {
  elapsedMs: number | null;
  /** The time budget (null: none). */
  maxWallMs: number | null;
  calls: number | null;
  /** The call limit (null: none). */
  maxCalls: number | null;
  /** The cycle in progress (0-based; null before the first phase) and the cycles set. */
  cycle: number | null;
  cycles: number;
}

/**
 * How far a running run is, in a few words: the share of the budget that binds first (the time
 * or the call budget, whichever is more used), else its cycle; null before either is known. The
 * estimate of calls is an upper one, so it gives no percent (a run ends well before it).
 */
export function runProgressWords(facts: RunProgressFacts): string | null {
  const shares: number[] = [];
  if (facts.maxWallMs !== null && facts.maxWallMs > 0 && facts.elapsedMs !== null)
    shares.push(facts.elapsedMs / facts.maxWallMs);
  if (facts.maxCalls !== null && facts.maxCalls > 0 && facts.calls !== null)
    shares.push(facts.calls / facts.maxCalls);
  if (shares.length > 0) return `${Math.min(100, Math.floor(Math.max(...shares) * 100))}%`;
  if (facts.cycle === null) return null;
  return `cycle ${Math.min(facts.cycle + 1, facts.cycles)} of ${facts.cycles}`;
}
