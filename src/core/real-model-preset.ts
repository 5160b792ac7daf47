import type { CopaConfig } from './optimizers/copa-config';

/**
 * COPA settings for a real model in the browser (WebLLM on the user's GPU), where every call
 * costs a fraction of a second to seconds: one cycle (demos, then the instruction) instead of
 * three, and a time budget as well as calls. Measured with `npm run bench` (three simulated
 * models, seeds 0-4, method copa-real-preset): on the built-in tasks one cycle's test score is
 * within 0.02 of default COPA's (ticket routing +0.000, +0.016, -0.020; date normalization
 * +0.000, +0.030, -0.010) in about half its iGPU time (43-64%; ticket routing 1,441-1,615 s
 * against 2,771-3,382 s), and on the public samples within 0.01 but for TREC with the demo-biased model
 * (-0.032, near chance). Fewer labeled demos (8 or 4), smaller minibatches (15) or fewer
 * candidates cut the time further but cost 0.02 to 0.18 of test score on ticket routing, whose
 * cue words can only be learned from demos, so they are not in the preset.
 */
export const REAL_MODEL_PRESET: Readonly<Partial<CopaConfig>> = Object.freeze({
  cycles: 1,
  budget: Object.freeze({ maxWallMs: 20 * 60_000 }),
});

/** The preset for a model id: the real-model preset for WebLLM models, else none. */
export function presetForModel(modelId: string): Readonly<Partial<CopaConfig>> {
  return modelId.startsWith('webllm:') ? REAL_MODEL_PRESET : {};
}
