import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RunClock } from '../../../src/ui/run-clock.svelte';
import type { RunEvent } from '../../../src/worker/api';

const started = (wallMs: number, resumedAtPhase?: number): RunEvent =>
  ({
    type: 'run-started',
    method: 'copa',
    config: {},
    estimate: { lmCalls: 100, promptTokens: 0, completionTokens: 0 },
    wallMs,
    ...(resumedAtPhase !== undefined ? { resumedAtPhase } : {}),
  }) as RunEvent;

const finished = (wallMs: number): RunEvent =>
  ({
    type: 'run-finished',
    method: 'copa',
    reason: 'cycles-done',
    bestScore: 1,
    baselineScore: 0,
    totals: { calls: 9, cachedCalls: 0, promptTokens: 0, completionTokens: 0, lmMs: 0, wallMs },
  }) as RunEvent;

describe('RunClock', () => {
  let now = 0;
  beforeEach(() => {
    vi.useFakeTimers();
    now = 0;
  });
  afterEach(() => vi.useRealTimers());
  const pass = (ms: number) => {
    now += ms;
    vi.advanceTimersByTime(ms);
  };

  it('ticks on from the wall time the run said at its start, and freezes at its end', () => {
    const clock = new RunClock(() => now);
    clock.start();
    expect(clock.elapsedMs).toBeNull();
    // A resumed run had run 3 minutes before its pause.
    clock.observe([started(180_000, 2)]);
    expect(clock.resumed).toEqual({ atPhase: 2, cutOff: false });
    pass(5_000);
    expect(clock.elapsedMs).toBe(185_000);
    expect(clock.live).toBe(true);
    clock.observe([finished(186_000)]);
    pass(60_000);
    expect(clock.elapsedMs).toBe(186_000);
    expect(clock.live).toBe(false);
  });

  it('a run resumed after a cut inside a phase is said to be so; a new run is not resumed', () => {
    const clock = new RunClock(() => now);
    clock.start(true);
    clock.observe([started(95_000, 3)]);
    expect(clock.resumed).toEqual({ atPhase: 3, cutOff: true });
    clock.reset();
    expect(clock.resumed).toBeNull();
    clock.start();
    clock.observe([started(0)]);
    expect(clock.resumed).toBeNull();
  });

  it('a run that stopped without its last event shows no time rather than a guess', () => {
    const clock = new RunClock(() => now);
    clock.start();
    clock.observe([started(0)]);
    pass(3_000);
    expect(clock.elapsedMs).toBe(3_000);
    clock.stop();
    expect(clock.elapsedMs).toBeNull();
  });

  it("a stored run's history gives its final time; reset forgets it", () => {
    const clock = new RunClock(() => now);
    clock.observe([started(0), finished(754_000)]);
    expect(clock.elapsedMs).toBe(754_000);
    clock.reset();
    expect(clock.elapsedMs).toBeNull();
  });
});
