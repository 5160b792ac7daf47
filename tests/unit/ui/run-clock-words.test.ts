import { describe, expect, it } from 'vitest';
import {
  clockWords,
  roughDurationWords,
  runningTimeWords,
  runTimeLeft,
  runTimeLeftWords,
} from '../../../src/ui/lib/run-clock-words';

const MIN = 60_000;

describe('clockWords', () => {
  it('says seconds under a minute, minutes and seconds under an hour, then hours and minutes', () => {
    expect(clockWords(0)).toBe('0 s');
    expect(clockWords(45_900)).toBe('45 s');
    expect(clockWords(3 * MIN + 10_000)).toBe('3 min 10 s');
    expect(clockWords(20 * MIN)).toBe('20 min');
    expect(clockWords(65 * MIN + 30_000)).toBe('1 h 5 min');
    expect(clockWords(120 * MIN)).toBe('2 h');
  });
});

describe('runningTimeWords', () => {
  it('says a resumed run goes on from its last finished phase, and the redo only after a cut', () => {
    expect(runningTimeWords(null)).toBe('Running time');
    // Paused between phases: nothing is run again, only the pause is left out.
    expect(runningTimeWords({ atPhase: 2, cutOff: false })).toBe(
      'Running time (resumed from the last finished phase; time paused not counted)',
    );
    // Cut off inside phase 3: that phase's time so far is dropped, as it is run again.
    expect(runningTimeWords({ atPhase: 2, cutOff: true })).toBe(
      'Running time (resumed from the last finished phase; the phase that was cut off is run again)',
    );
    // Cut off in the first phase: no phase had finished, the time goes on from the start.
    expect(runningTimeWords({ atPhase: 0, cutOff: true })).toBe(
      'Running time (resumed from the start; the phase that was cut off is run again)',
    );
  });
});

describe('roughDurationWords', () => {
  it('rounds up, so a bound is never said lower than it is', () => {
    expect(roughDurationWords(1_000)).toBe('1 s');
    expect(roughDurationWords(26_200)).toBe('27 s');
    expect(roughDurationWords(61_000)).toBe('70 s');
    expect(roughDurationWords(5 * MIN + 1_000)).toBe('6 min');
    expect(roughDurationWords(100 * MIN)).toBe('1.7 h');
  });
});

describe('runTimeLeft', () => {
  it('from the time budget: what is left of it, at most', () => {
    const left = runTimeLeft({
      elapsedMs: 3 * MIN,
      maxWallMs: 20 * MIN,
      pace: null,
      callCap: null,
    });
    expect(left).toEqual({ ms: 17 * MIN, from: 'time-budget' });
    expect(runTimeLeftWords(left)).toBe('at most 17 min left');
  });

  it('from the pace: the calls left at the time per call so far, less the time since', () => {
    // 100 calls in 4 min (2.4 s a call); 250 more at most: 10 min, 1 min of it gone since.
    const left = runTimeLeft({
      elapsedMs: 5 * MIN,
      maxWallMs: null,
      pace: { calls: 100, wallMs: 4 * MIN },
      callCap: 350,
    });
    expect(left).toEqual({ ms: 9 * MIN, from: 'calls' });
    expect(runTimeLeftWords(left)).toBe('up to about 9 min left at this pace');
  });

  it('takes whichever ends sooner', () => {
    const pace = { calls: 100, wallMs: 4 * MIN };
    const tight = { elapsedMs: 5 * MIN, maxWallMs: 8 * MIN, pace, callCap: 350 };
    expect(runTimeLeft(tight)).toEqual({ ms: 3 * MIN, from: 'time-budget' });
    expect(runTimeLeft({ ...tight, maxWallMs: 20 * MIN })).toEqual({ ms: 9 * MIN, from: 'calls' });
  });

  it('says nothing it cannot tell: no budget, too few calls yet, or past the estimate', () => {
    const none = { elapsedMs: MIN, maxWallMs: null, pace: null, callCap: 300 };
    expect(runTimeLeft(none)).toBeNull();
    expect(runTimeLeftWords(runTimeLeft(none))).toBe('');
    expect(runTimeLeft({ ...none, pace: { calls: 2, wallMs: 10_000 } })).toBeNull();
    expect(runTimeLeft({ ...none, pace: { calls: 320, wallMs: MIN } })).toBeNull();
    // The calls left would have taken less than the time gone since: the pace no longer holds.
    expect(
      runTimeLeft({ ...none, elapsedMs: 10 * MIN, pace: { calls: 290, wallMs: 5 * MIN } }),
    ).toBeNull();
  });

  it('a spent time budget says the run stops at its next call', () => {
    const left = runTimeLeft({ elapsedMs: 21 * MIN, maxWallMs: 20 * MIN, pace: null, callCap: 9 });
    expect(left).toEqual({ ms: 0, from: 'time-budget' });
    expect(runTimeLeftWords(left)).toContain('time budget is spent');
  });
});
