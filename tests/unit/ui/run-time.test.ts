import { describe, expect, it } from 'vitest';
import {
  durationWords,
  firstCycleWords,
  runTimeWords,
  speedOf,
} from '../../../src/ui/lib/run-time';

const estimate = { lmCalls: 1000, promptTokens: 300_000, completionTokens: 20_000 };
const measured = { prefillTokensPerS: 600, decodeTokensPerS: 80, secondsPerCall: 0.05 };

describe('the run time shown before Start', () => {
  it('a real model: minutes at the speed measured here', () => {
    const words = runTimeWords(estimate, { standIn: false, speed: measured });
    // 500 s reading + 250 s writing + 50 s per-call cost.
    expect(words.duration).toBe('about 13 min');
    expect(words.basis).toMatch(/measured on this machine/);
    expect(words.cutByBudget).toBe(false);
  });

  it('the stand-in: what a typical iGPU 0.5B model would take, said to be that', () => {
    const words = runTimeWords(estimate, { standIn: true, speed: measured });
    // 1000 s + 500 s + 80 s at 300/40 tokens/s and 0.08 s per call, whatever was measured.
    expect(words.duration).toBe('about 26 min');
    expect(words.basis).toMatch(/typical integrated GPU with a 0\.5B model/);
    expect(words.basis).toMatch(/300 tokens\/s.*40 tokens\/s.*0\.08 s per call/);
  });

  it('says when the time budget will stop the run first, and when the speed is unknown', () => {
    expect(
      runTimeWords(estimate, { standIn: false, speed: measured }, 10 * 60_000).cutByBudget,
    ).toBe(true);
    expect(
      runTimeWords(estimate, { standIn: false, speed: measured }, 20 * 60_000).cutByBudget,
    ).toBe(false);
    const unknown = runTimeWords(estimate, { standIn: false, speed: null });
    expect(unknown.duration).toBe('');
    expect(unknown.basis).toMatch(/once a real model's speed is measured/);
  });

  it('falls back to the speeds of calls made so far, and words durations plainly', () => {
    const usage = {
      calls: 3,
      promptTokens: 900,
      completionTokens: 30,
      latencyMs: 4000,
      prefillTokensPerS: 250,
      decodeTokensPerS: 30,
    };
    expect(speedOf(null, usage)).toEqual({
      prefillTokensPerS: 250,
      decodeTokensPerS: 30,
      secondsPerCall: 0,
    });
    expect(speedOf(measured, usage)).toBe(measured);
    expect(speedOf(null, { ...usage, decodeTokensPerS: null })).toBeNull();
    expect(durationWords(30)).toBe('under a minute');
    expect(durationWords(200 * 60)).toBe('about 3.3 h');
  });
});

describe("the first cycle's cost shown before Start", () => {
  const engine = { standIn: false, speed: measured };

  it('gives its calls and minutes, within the budgets', () => {
    expect(firstCycleWords(estimate, engine, { maxCalls: 1000, maxWallMs: 20 * 60_000 })).toEqual({
      calls: 1000,
      duration: 'about 13 min',
      overBudget: false,
    });
    expect(firstCycleWords(estimate, engine).overBudget).toBe(false);
  });

  it('says when the call or the time budget is smaller than the first cycle alone', () => {
    expect(firstCycleWords(estimate, engine, { maxCalls: 999 }).overBudget).toBe(true);
    expect(firstCycleWords(estimate, engine, { maxWallMs: 10 * 60_000 }).overBudget).toBe(true);
    expect(firstCycleWords(estimate, engine, { maxCalls: 0 }).overBudget).toBe(false);
  });
});
