import type { RunSummary } from '../../worker/api';

/** The unfinished run Optimize offers to resume, as far as its note needs it. */
type Cut = Pick<RunSummary, 'status' | 'error'>;

/**
 * A run kept as paused with the error that stopped it: its model engine (the GPU, a local
 * server) was lost inside a phase. A paused run without one was paused between phases.
 */
const engineLost = (cut: Cut): cut is Cut & { error: { name: string; message: string } } =>
  cut.status === 'paused' && cut.error !== undefined;

/**
 * Whether the run stopped inside a phase, which a resume runs again: still 'running' (the tab
 * that ran it died: a reload, a crash; a run going on in another tab is refused), 'failed' (an
 * error stopped it) or its engine was lost. A 'paused' one without an error was paused between
 * phases (or lost its engine before runs kept that error).
 */
export function cutOffInPhase(cut: Cut): boolean {
  return cut.status === 'running' || cut.status === 'failed' || engineLost(cut);
}

/**
 * How the run stopped, after "A run of “name”": the user paused it, its engine was lost, or
 * the tab that ran it died. A run that lost its GPU said it "was paused", as if the user had.
 */
export function howItStopped(cut: Cut): string {
  if (engineLost(cut)) return 'stopped when its model engine was lost';
  if (cut.status === 'paused') return 'was paused';
  return 'was cut off before it finished (a reload, a closed tab or a crash)';
}

/**
 * What stopped it and what resuming does. A lost engine cut a phase off: Resume runs that
 * phase again (a run paused by the user goes on after its last finished phase, with nothing
 * to redo).
 */
export function howItGoesOn(cut: Cut): string {
  if (engineLost(cut)) {
    const said = cut.error.message.trim();
    const ended = /[.!?]$/.test(said) ? said : `${said}.`;
    return (
      `What stopped it (${cut.error.name}): ${ended} Resuming runs the phase that was cut off ` +
      'again; the phases finished before it are kept.'
    );
  }
  return 'It can go on from its last finished phase, or from the start if none finished.';
}
