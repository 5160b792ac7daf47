import { describe, expect, it } from 'vitest';
import {
  runProgressWords,
  runTitleState,
  tabTitle,
  type RunTitleFacts,
} from '../../../src/ui/lib/tab-title';

const MIN = 60_000;
const idle: RunTitleFacts = { running: false, paused: false, outcome: null, failed: false };

describe('tabTitle', () => {
  it("puts the run's state first, then the app", () => {
    expect(tabTitle(null)).toBe('COPA Playground');
    expect(tabTitle({ kind: 'running', progress: '42%' })).toBe('Running · 42% · COPA Playground');
    expect(tabTitle({ kind: 'running', progress: null })).toBe('Running · COPA Playground');
    expect(tabTitle({ kind: 'finished' })).toBe('Finished · COPA Playground');
    expect(tabTitle({ kind: 'paused' })).toBe('Paused · COPA Playground');
    expect(tabTitle({ kind: 'stopped' })).toBe('Stopped · COPA Playground');
  });
});

describe('runTitleState', () => {
  it('names the run going on, paused or ended; none when no run went on', () => {
    expect(runTitleState(idle, null)).toBeNull();
    expect(runTitleState({ ...idle, running: true }, 'cycle 1 of 2')).toEqual({
      kind: 'running',
      progress: 'cycle 1 of 2',
    });
    expect(runTitleState({ ...idle, outcome: 'finished' }, null)).toEqual({ kind: 'finished' });
    expect(runTitleState({ ...idle, outcome: 'cancelled' }, null)).toEqual({ kind: 'cancelled' });
    // A lost GPU or a model that kept failing leaves a run that can resume: paused.
    expect(runTitleState({ ...idle, paused: true, outcome: 'engine-lost' }, null)).toEqual({
      kind: 'paused',
    });
    expect(runTitleState({ ...idle, paused: true, failed: true }, null)).toEqual({
      kind: 'paused',
    });
    expect(runTitleState({ ...idle, failed: true }, null)).toEqual({ kind: 'stopped' });
  });
});

describe('runProgressWords', () => {
  const facts = {
    elapsedMs: 5 * MIN,
    maxWallMs: null,
    calls: 50,
    maxCalls: null,
    cycle: 0,
    cycles: 2,
  };

  it('gives the share of the budget that binds first', () => {
    expect(runProgressWords({ ...facts, maxWallMs: 20 * MIN })).toBe('25%');
    expect(runProgressWords({ ...facts, maxWallMs: 20 * MIN, maxCalls: 100 })).toBe('50%');
    expect(runProgressWords({ ...facts, maxWallMs: 10 * MIN, maxCalls: 1000 })).toBe('50%');
    // A run goes a little over its time budget while its last call ends.
    expect(runProgressWords({ ...facts, maxWallMs: 4 * MIN })).toBe('100%');
  });

  it('without a budget, the cycle in progress; nothing before the first phase', () => {
    expect(runProgressWords(facts)).toBe('cycle 1 of 2');
    expect(runProgressWords({ ...facts, cycle: 1 })).toBe('cycle 2 of 2');
    expect(runProgressWords({ ...facts, cycle: null })).toBeNull();
    // No call count yet: the call budget says nothing.
    expect(runProgressWords({ ...facts, calls: null, maxCalls: 100 })).toBe('cycle 1 of 2');
  });
});
