import { describe, expect, it } from 'vitest';
import { resolveCopaConfig } from '../../../../src/core/optimizers/copa-config';
import {
  callsInTime,
  expectedCallMs,
  expectedPromptTokens,
} from '../../../../src/core/optimizers/time-plan';
import { predict, Program } from '../../../../src/core/program';
import type { ModelSpeed } from '../../../../src/core/time-estimate';

const speed: ModelSpeed = { prefillTokensPerS: 100, decodeTokensPerS: 10, secondsPerCall: 0.5 };
const none = { calls: 0, wallMs: 0, estimatedPromptTokens: 0, completionTokens: 0 };

describe('expectedCallMs', () => {
  it("before any call, takes the high side of the warm-up's speed", () => {
    const ms = expectedCallMs({ pace: none, promptTokens: 300, speed }) ?? 0;
    // 300 tokens read at 100/s is 3 s; on the high side (4/3) 4 s; 16 assumed answer tokens
    // at 10/s and 0.5 s per call add 2.1 s.
    expect(ms).toBeCloseTo(6100, 5);
  });

  it("before any call, plans a long answer at the data's answer length, a short one at 16", () => {
    // A demo's answer of 200 tokens (a summary) at 10/s: 20 s, not the 1.6 s of 16 tokens.
    const long = expectedCallMs({ pace: none, promptTokens: 300, speed, answerTokens: 200 });
    expect(long).toBeCloseTo(4000 + 20_000 + 500, 5);
    // A label's answer is shorter than 16 tokens: 16 stay assumed (a model may say more).
    const short = expectedCallMs({ pace: none, promptTokens: 300, speed, answerTokens: 6 });
    expect(short).toBeCloseTo(6100, 5);
    // Once calls have been made, their answers tell.
    const pace = { calls: 40, wallMs: 0, estimatedPromptTokens: 8000, completionTokens: 200 };
    expect(expectedCallMs({ pace, promptTokens: 300, speed, answerTokens: 200 })).toBeCloseTo(
      4000 + 500 + 500,
      5,
    );
  });

  it("corrects the speed by how the run's real time compared with it", () => {
    // 40 calls of 200 estimated tokens and 5 answer tokens: the speed predicts 2 + 0.5 + 0.5
    // = 3 s each, 120 s in all; they took 180 s, so this machine runs at 1.5 times that.
    const pace = { calls: 40, wallMs: 180_000, estimatedPromptTokens: 8000, completionTokens: 200 };
    const ms = expectedCallMs({ pace, promptTokens: 600, speed }) ?? 0;
    // A 600-token call: 6 + 0.5 + 0.5 = 7 s predicted, 10.5 s at this run's pace.
    expect(ms).toBeCloseTo(10_500, 5);
    // Too few calls to trust: the speed alone, on the high side.
    expect(expectedCallMs({ pace: { ...pace, calls: 5 }, promptTokens: 600, speed })).toBeCloseTo(
      (8 + 4 + 0.5) * 1000,
      5,
    );
  });

  it('without a speed, uses the time per prompt token so far, and nothing before that', () => {
    const pace = { calls: 30, wallMs: 60_000, estimatedPromptTokens: 12_000, completionTokens: 0 };
    expect(expectedCallMs({ pace, promptTokens: 400, speed: null })).toBeCloseTo(2000, 5);
    expect(expectedCallMs({ pace: none, promptTokens: 400, speed: null })).toBeNull();
  });
});

describe('callsInTime', () => {
  it('counts whole calls, and is unlimited without a time limit or a pace', () => {
    expect(callsInTime(10_000, 3000)).toBe(3);
    expect(callsInTime(Infinity, 3000)).toBe(Infinity);
    expect(callsInTime(10_000, null)).toBe(Infinity);
  });
});

describe('expectedPromptTokens', () => {
  const program = new Program([
    predict('route', 'ticket -> department', [
      { data: { ticket: 'a', department: 'x' }, augmented: false },
      { data: { ticket: 'b', department: 'y' }, augmented: false },
    ]),
  ]);
  const size = { baseTokens: 100, demoTokens: 30 };

  it("sizes a prompt phase by the incumbent's demos and a compilation phase by the labeled ones", () => {
    const config = resolveCopaConfig({ maxLabeledDemos: 8, demoTokenBudget: 1000 });
    expect(expectedPromptTokens('prompt', program, config, size)).toBe(160);
    expect(expectedPromptTokens('compilation', program, config, size)).toBe(340);
  });

  it('keeps demos within the demo token budget, and needs a measured size', () => {
    const config = resolveCopaConfig({ maxLabeledDemos: 16, demoTokenBudget: 200 });
    expect(expectedPromptTokens('compilation', program, config, size)).toBe(300);
    expect(expectedPromptTokens('prompt', program, config, null)).toBeNull();
  });
});
