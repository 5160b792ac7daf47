import type { CopaConfig } from './optimizers/copa-config';

/**
 * COPA settings for a real model in the browser (WebLLM on the user's GPU), where every call
 * costs a fraction of a second to seconds: two cycles (demos, then the instruction) instead of
 * three, and a time budget as well as calls. Measured on the bench's ticket routing with the
 * stand-ins (2 seeds): two cycles keep default COPA's test score and cut its calls by about a
 * fifth; fewer candidates, smaller minibatches or fewer labeled demos each cost 0.05 to 0.3 of
 * test score there, so they are not in the preset yet (see bench method copa-real-preset).
 */
export const REAL_MODEL_PRESET: Readonly<Partial<CopaConfig>> = Object.freeze({
  cycles: 2,
  budget: Object.freeze({ maxWallMs: 20 * 60_000 }),
});

/** The preset for a model id: the real-model preset for WebLLM models, else none. */
export function presetForModel(modelId: string): Readonly<Partial<CopaConfig>> {
  return modelId.startsWith('webllm:') ? REAL_MODEL_PRESET : {};
}
