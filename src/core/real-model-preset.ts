import type { CopaConfig } from './optimizers/copa-config';

/**
 * COPA settings for a real model in the browser (WebLLM on the user's GPU), where every call
 * costs a fraction of a second to seconds: one cycle (demos, then the instruction) instead of
 * three, and a 30-minute time budget, which the run plans its phases to (time-plan.ts) from the
 * warm-up's speed and then its own pace. Measured with `npm run bench` (three simulated models,
 * seeds 0-4, method copa-real-preset, on a clock that runs at an iGPU-class 0.5B model's speed):
 * on the built-in tasks it scores as one cycle with no limit does, within 0.02 of default COPA's
 * test score (date normalization with the demo-biased model +0.03) in 21-30 minutes against
 * default COPA's 36-80; on the public samples within 0.02 but for TREC with the demo-biased
 * model (-0.03, near chance). The old 20-minute budget stopped ticket routing before its prompt
 * phase was done (0.31 against 0.71 with the stand-in); planned for, 20 minutes now cost ticket
 * routing 0.02-0.08. Fewer labeled demos (8 or 4), smaller minibatches (15) or fewer candidates
 * cut the time further but cost 0.02 to 0.18 of test score on ticket routing, whose cue words
 * can only be learned from demos, so they are not in the preset.
 */
export const REAL_MODEL_PRESET: Readonly<Partial<CopaConfig>> = Object.freeze({
  cycles: 1,
  budget: Object.freeze({ maxWallMs: 30 * 60_000 }),
});

/** The preset for a model id: the real-model preset for WebLLM models, else none. */
export function presetForModel(modelId: string): Readonly<Partial<CopaConfig>> {
  return modelId.startsWith('webllm:') ? REAL_MODEL_PRESET : {};
}
