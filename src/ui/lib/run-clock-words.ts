/*
 * What the Optimize screen says of a run's time while it goes on: how long it has run, and how
 * long it may still take. A time left is said only where it can be told honestly, and as the
 * bound it is: the time budget is a hard stop ("at most"), and the calls left come from the call
 * limit or the run's estimate, both upper bounds on what the run spends ("up to").
 */

/** "45 s", "3 min 10 s", "3 min", "1 h 5 min": a running time, to the second under an hour. */
export function clockWords(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return s % 60 === 0 ? `${m} min` : `${m} min ${s % 60} s`;
  return m % 60 === 0 ? `${Math.floor(m / 60)} h` : `${Math.floor(m / 60)} h ${m % 60} min`;
}

/** How a resumed run's time was taken up again (see runningTimeWords). */
export interface ClockResume {
  /** The phase the run continued with (run-started's resumedAtPhase; 0: no phase had finished). */
  atPhase: number;
  /**
   * The run had stopped inside that phase (a reload, a crash, the GPU lost, an error), so it
   * runs it again: its time so far is lost with it, and the running time steps back.
   */
  cutOff: boolean;
}

/**
 * The running time's name. A resumed run's time goes on from its last checkpoint, the end of
 * its last finished phase: after a pause (between phases) nothing is lost but the pause; after
 * a cut inside a phase, that phase's time is dropped as the phase is run again, which the line
 * says, since otherwise the time seems to go back for no reason.
 */
export function runningTimeWords(resume: ClockResume | null): string {
  if (resume === null) return 'Running time';
  const from = resume.atPhase > 0 ? 'the last finished phase' : 'the start';
  return resume.cutOff
    ? `Running time (resumed from ${from}; the phase that was cut off is run again)`
    : `Running time (resumed from ${from}; time paused not counted)`;
}

/** A time left, rounded up (a bound said low would be broken): "27 s", "6 min", "1.5 h". */
export function roughDurationWords(ms: number): string {
  const s = Math.max(1, Math.ceil(ms / 1000));
  if (s < 60) return `${s} s`;
  if (s < 120) return `${Math.ceil(s / 10) * 10} s`;
  if (s < 90 * 60) return `${Math.ceil(s / 60)} min`;
  return `${(Math.ceil(s / 360) / 10).toFixed(1)} h`;
}

/** A pace needs this many calls, and this much time, before it says anything. */
const MIN_PACE_CALLS = 5;
const MIN_PACE_MS = 1_000;

export interface TimeLeftInput {
  /** The run's running time now. */
  elapsedMs: number;
  /** The time budget (null: none). */
  maxWallMs: number | null;
  /** Calls made and running time at the last usage report: the run's pace so far. */
  pace: { calls: number; wallMs: number } | null;
  /** The most calls the run makes: its call limit, else its estimate (null: unknown). */
  callCap: number | null;
}

/** How long a run may still take, and what says so. */
export interface TimeLeft {
  ms: number;
  from: 'time-budget' | 'calls';
}

/**
 * The time a run may still take: the time budget left, or the calls left at the pace so far
 * (less the time since that pace was measured), whichever is shorter. Null when neither can
 * tell (no budget, too few calls yet, or the run already past its estimate).
 */
export function runTimeLeft(input: TimeLeftInput): TimeLeft | null {
  const byBudget =
    input.maxWallMs !== null && input.maxWallMs > 0
      ? Math.max(0, input.maxWallMs - input.elapsedMs)
      : null;
  const { pace, callCap } = input;
  let byCalls: number | null = null;
  if (
    pace !== null &&
    callCap !== null &&
    pace.calls >= MIN_PACE_CALLS &&
    pace.wallMs >= MIN_PACE_MS &&
    callCap > pace.calls
  ) {
    const left = (callCap - pace.calls) * (pace.wallMs / pace.calls);
    const sincePace = Math.max(0, input.elapsedMs - pace.wallMs);
    if (left > sincePace) byCalls = left - sincePace;
  }
  if (byBudget !== null && (byCalls === null || byBudget <= byCalls))
    return { ms: byBudget, from: 'time-budget' };
  return byCalls === null ? null : { ms: byCalls, from: 'calls' };
}

/**
 * "at most 17 min left" (the time budget, which the line names), "up to about 6 min left at this
 * pace"; "" when unknown.
 */
export function runTimeLeftWords(left: TimeLeft | null): string {
  if (left === null) return '';
  if (left.from === 'time-budget')
    return left.ms <= 0
      ? 'the time budget is spent: the run stops at its next model call'
      : `at most ${roughDurationWords(left.ms)} left`;
  return `up to about ${roughDurationWords(left.ms)} left at this pace`;
}
