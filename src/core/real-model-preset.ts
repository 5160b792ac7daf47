import type { CopaConfig } from './optimizers/copa-config';

/**
 * COPA settings for a real model in the browser (WebLLM on the user's GPU), where every call
 * costs a fraction of a second to seconds: one cycle (demos, then the instruction) instead of
 * three, and a 30-minute time budget, which the run plans its phases to (time-plan.ts) from the
 * warm-up's speed. Measured with `npm run bench` (three simulated models, seeds 0-4, method
 * copa-real-preset, on a clock that runs at an iGPU-class 0.5B model's speed): on the built-in
 * tasks one cycle with no time limit keeps default COPA's test score within 0.02 in about half its
 * time (ticket routing 1,440-1,620 s against 2,770-3,380 s). Under a time budget the first phase
 * must be planned before the run has its own pace, on the high side; with 30 minutes ticket
 * routing ends 0.02-0.09 below default COPA (one demo set fewer) and date normalization and word
 * problems within 0.03, in 21-27 minutes. With 20 minutes ticket routing ends 0.04-0.15 below it
 * and date normalization 0.04-0.09; with 10 minutes 0.2-0.4 below on both. Fewer labeled demos
 * (8 or 4), smaller minibatches (15) or fewer candidates cut the time further but cost 0.02 to
 * 0.18 of test score on ticket routing, whose cue words can only be learned from demos, so they
 * are not in the preset.
 */
export const REAL_MODEL_PRESET: Readonly<Partial<CopaConfig>> = Object.freeze({
  cycles: 1,
  budget: Object.freeze({ maxWallMs: 30 * 60_000 }),
});

/** The preset for a model id: the real-model preset for WebLLM models, else none. */
export function presetForModel(modelId: string): Readonly<Partial<CopaConfig>> {
  return modelId.startsWith('webllm:') ? REAL_MODEL_PRESET : {};
}
