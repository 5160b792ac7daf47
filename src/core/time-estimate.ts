import type { CostEstimate } from './optimizers/cost-estimate';
import { EMPTY_THINKING_BLOCK_TOKENS } from './thinking-block';

/** How fast a model reads and writes on this machine, measured or assumed. */
export interface ModelSpeed {
  /** Prompt tokens read per second (prefill). */
  prefillTokensPerS: number;
  /** Answer tokens written per second (decode). */
  decodeTokensPerS: number;
  /** Fixed cost of one call beyond reading and writing (scheduling, sampling setup), seconds. */
  secondsPerCall: number;
}

/**
 * A typical integrated GPU running a 0.5B model in WebLLM (the bench's figure, see README):
 * used to tell what a stand-in run would cost on a real model, never as a measurement.
 */
export const TYPICAL_IGPU_SPEED: Readonly<ModelSpeed> = Object.freeze({
  prefillTokensPerS: 300,
  decodeTokensPerS: 40,
  secondsPerCall: 0.08,
});

/** Seconds a run of the estimated size takes at `speed` (WebLLM reuses no prompt across calls). */
export function runSeconds(estimate: CostEstimate, speed: ModelSpeed): number {
  return (
    estimate.promptTokens / speed.prefillTokensPerS +
    estimate.completionTokens / speed.decodeTokensPerS +
    estimate.lmCalls * speed.secondsPerCall
  );
}

/**
 * A run's estimate on a WebLLM model whose thinking is turned off (Qwen3): every call also
 * writes the empty thinking block before its answer, which the estimate of the program's own
 * answers does not count.
 */
export function withEmptyThinkingBlocks(estimate: CostEstimate): CostEstimate {
  return {
    ...estimate,
    completionTokens: estimate.completionTokens + estimate.lmCalls * EMPTY_THINKING_BLOCK_TOKENS,
  };
}
