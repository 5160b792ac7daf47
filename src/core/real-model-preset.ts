import type { CopaConfig } from './optimizers/copa-config';

/**
 * COPA settings for a real model in the browser (WebLLM on the user's GPU), where every call
 * costs a fraction of a second to seconds: one cycle (demos, then the instruction) instead of
 * three, and a 30-minute time budget, which the run plans its phases to (time-plan.ts) from the
 * warm-up's speed and then its own pace. Measured with `npm run bench` (three simulated models,
 * method copa-real-preset, on a clock that runs at an iGPU-class 0.5B model's speed; README,
 * "The real-model preset"): within 0.02 of default COPA's test score on date normalization
 * (seeds 0-19), word problems and the public samples (but TREC with the demo-biased model,
 * -0.04, near chance), and 0.01-0.04 below it on ticket routing (seeds 0-19), in 9-24 minutes
 * against default COPA's 9-58. A large validation set is sampled to what 30 minutes afford
 * (selection-set.ts). What did not pay (README): two or three cycles in the same 30
 * minutes (a little more on the public samples, less on ticket routing with the instruction
 * follower and on date normalization, and most runs then take all 30 minutes); the prompt phase
 * first (faster, but ticket routing 0.01-0.11 lower); a 20-minute budget; fewer labeled demos
 * (8 or 4), smaller minibatches (15) or fewer candidates (ticket routing 0.02-0.18 lower). So the
 * preset keeps DSPy's demo counts and the search sizes and lets the time budget shrink the search.
 */
export const REAL_MODEL_PRESET: Readonly<Partial<CopaConfig>> = Object.freeze({
  cycles: 1,
  budget: Object.freeze({ maxWallMs: 30 * 60_000 }),
});

/** The preset for a model id: the real-model preset for WebLLM models, else none. */
export function presetForModel(modelId: string): Readonly<Partial<CopaConfig>> {
  return modelId.startsWith('webllm:') ? REAL_MODEL_PRESET : {};
}
