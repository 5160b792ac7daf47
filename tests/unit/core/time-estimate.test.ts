import { describe, expect, it } from 'vitest';
import {
  runSeconds,
  TYPICAL_IGPU_SPEED,
  withEmptyThinkingBlocks,
} from '../../../src/core/time-estimate';

describe('run time from the estimate and a speed', () => {
  it("matches the issue's figure for a default run on a typical iGPU (about 28 minutes)", () => {
    // 900 calls, about 388k prompt tokens and 13 answer tokens per call (issue 12).
    const seconds = runSeconds(
      { lmCalls: 900, promptTokens: 388_000, completionTokens: 900 * 13 },
      TYPICAL_IGPU_SPEED,
    );
    expect(seconds / 60).toBeGreaterThan(26);
    expect(seconds / 60).toBeLessThan(30);
  });

  it('reading, writing and the cost per call each add their share', () => {
    const speed = { prefillTokensPerS: 100, decodeTokensPerS: 10, secondsPerCall: 1 };
    expect(runSeconds({ lmCalls: 0, promptTokens: 1000, completionTokens: 0 }, speed)).toBe(10);
    expect(runSeconds({ lmCalls: 0, promptTokens: 0, completionTokens: 100 }, speed)).toBe(10);
    expect(runSeconds({ lmCalls: 5, promptTokens: 0, completionTokens: 0 }, speed)).toBe(5);
  });
});

describe('the estimate on a model whose thinking is turned off (Qwen3 in WebLLM)', () => {
  it('counts the empty thinking block each call writes before its answer, in tokens and time', () => {
    const estimate = { lmCalls: 1000, promptTokens: 300_000, completionTokens: 16_000 };
    const speed = { prefillTokensPerS: 300, decodeTokensPerS: 40, secondsPerCall: 0 };
    const thinking = withEmptyThinkingBlocks(estimate);
    expect(thinking).toEqual({
      lmCalls: 1000,
      promptTokens: 300_000,
      // Four tokens a call: <think>, a blank line, </think>, a blank line.
      completionTokens: 20_000,
    });
    // 4,000 more tokens written at 40 tokens/s: 100 s more.
    expect(runSeconds(thinking, speed) - runSeconds(estimate, speed)).toBeCloseTo(100);
  });
});
