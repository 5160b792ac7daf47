import { describe, expect, it } from 'vitest';
import { describeEvent } from '../../../src/ui/optimize/event-lines';
import { estimatedCallsWords } from '../../../src/ui/lib/estimate-words';

describe('describeEvent', () => {
  const decision = {
    type: 'decision' as const,
    phase: 1,
    accepted: true,
    candidateId: 'shuffled-2',
    score: 0.32,
    incumbentScore: 0.267,
    reason: 'higher on the full set',
  };

  it('names a candidate as the phase card does, never by its internal id', () => {
    const line = describeEvent(decision, (phase, id) =>
      phase === 1 && id === 'shuffled-2' ? 'shuffled bootstrap #2 (4 traces)' : undefined,
    );
    expect(line).toContain('“shuffled bootstrap #2 (4 traces)”');
    expect(line).toContain('on the full validation set');
    expect(line).not.toContain('shuffled-2');
    expect(describeEvent(decision)).not.toContain('shuffled-2');
  });

  it('says the current program was kept, with its full-set score', () => {
    expect(describeEvent({ ...decision, accepted: false, candidateId: null })).toMatch(
      /^Kept the current program \(26\.7% on the full validation set\)/,
    );
  });

  it('names the validation sample a tight budget had the run select on', () => {
    const sample = { examples: 100, of: 200 };
    const line = describeEvent(decision, undefined, sample);
    expect(line).toContain('32.0% on the 100-example validation sample');
    expect(line).not.toContain('full validation set');
    expect(
      describeEvent({ ...decision, accepted: false, candidateId: null }, undefined, sample),
    ).toMatch(/^Kept the current program \(26\.7% on the 100-example validation sample\)/);
  });

  it('says on how many examples a start program not scored in full was measured', () => {
    const partial = { ...decision, phase: 0, incumbentScore: 0.52, incumbentExamples: 25 };
    expect(describeEvent(partial)).toContain('(was 52.0% on 25 validation examples)');
    expect(describeEvent({ ...partial, accepted: false, candidateId: null })).toMatch(
      /^Kept the current program \(52\.0% on 25 validation examples\)/,
    );
  });

  it('says when a tight budget has candidates scored on a sample of the validation set', () => {
    const started = {
      type: 'run-started' as const,
      method: 'copa',
      config: {},
      estimate: { lmCalls: 480, promptTokens: 0, completionTokens: 0 },
    };
    expect(describeEvent(started)).toBe(
      'Run started (up to about 480 model calls, an upper estimate).',
    );
    expect(describeEvent({ ...started, selection: { examples: 138, of: 200 } })).toContain(
      'Candidates are scored on 138 of the 200 validation examples, a fixed sample',
    );
  });

  it('says the estimate is an upper one, which a budget can cut short', () => {
    // It said "about 1317 model calls expected" of runs that spent 333 to 743 (cost-estimate.ts
    // counts a cold cache and every candidate scored to the end), and of a run whose time
    // budget ended it at 300 calls.
    const started = {
      type: 'run-started' as const,
      method: 'copa',
      config: { budget: {} },
      estimate: { lmCalls: 1317, promptTokens: 0, completionTokens: 0 },
    };
    expect(describeEvent(started)).toBe(
      'Run started (up to about 1,317 model calls, an upper estimate).',
    );
    expect(describeEvent({ ...started, config: { budget: { maxWallMs: 300_000 } } })).toBe(
      'Run started (up to about 1,317 model calls, an upper estimate; the budget can end it sooner).',
    );
    expect(estimatedCallsWords(1317)).toBe('up to about 1,317');
  });

  it('says a resumed run resumed, not that a run started', () => {
    // Step mode resumes after every phase: its log said "Run started" four times for one run.
    const resumed = {
      type: 'run-started' as const,
      method: 'copa',
      config: {},
      estimate: { lmCalls: 898, promptTokens: 0, completionTokens: 0 },
      resumedAtPhase: 2,
    };
    expect(describeEvent(resumed)).toBe(
      'Run resumed with phase 3 (the whole run: up to about 898 model calls, an upper estimate).',
    );
  });
});

describe('describeEvent: how a run stopped', () => {
  const ended = {
    type: 'run-finished' as const,
    method: 'copa',
    bestScore: 0.6,
    baselineScore: 0.4,
    totals: { calls: 10, cachedCalls: 0, promptTokens: 0, completionTokens: 0, lmMs: 0 },
  };

  it('says a paused run paused, not that it finished', () => {
    const line = describeEvent({ ...ended, reason: 'paused' });
    expect(line).toMatch(/^Run paused/);
    expect(line).not.toMatch(/finished/i);
  });

  it('says "finished" once in the log of a run paused, resumed and finished in its page', () => {
    // The pause ends the first drive with a run-finished event too: the log read "Run finished
    // (paused) … Run finished (every cycle done)".
    const log = [
      describeEvent({ ...ended, reason: 'paused' }),
      describeEvent({ ...ended, reason: 'cycles-done' }),
    ].join('\n');
    expect(log.match(/finished/gi)).toHaveLength(1);
  });
});
