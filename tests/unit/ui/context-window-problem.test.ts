import { describe, expect, it } from 'vitest';
import {
  CONTEXT_WINDOW_RANGE,
  WEBLLM_CONTEXT_WINDOW_RANGE,
} from '../../../src/core/context-window-range';
import { contextWindowProblem } from '../../../src/ui/lib/context-window-problem';

describe('a context window typed in a box', () => {
  it("is refused for a model added by address past what WebLLM's models are built for", () => {
    const blank = 'or blank for 4,096';
    expect(contextWindowProblem(undefined, WEBLLM_CONTEXT_WINDOW_RANGE, blank)).toBeNull();
    expect(contextWindowProblem(8192, WEBLLM_CONTEXT_WINDOW_RANGE, blank)).toBeNull();
    expect(contextWindowProblem(1_000_000, WEBLLM_CONTEXT_WINDOW_RANGE, blank)).toBe(
      'The context window must be a whole number from 512 to 131,072 tokens, not 1000000, or blank for 4,096.',
    );
    expect(contextWindowProblem(Number.NaN, WEBLLM_CONTEXT_WINDOW_RANGE, blank)).toBe(
      'The context window must be a whole number from 512 to 131,072 tokens, or blank for 4,096.',
    );
    // A local server's model may have a far longer one.
    expect(contextWindowProblem(1_000_000, CONTEXT_WINDOW_RANGE, 'or blank')).toBeNull();
  });
});
