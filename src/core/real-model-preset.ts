/**
 * COPA settings for a real model in the browser (WebLLM on the user's GPU). Every call there
 * costs a fraction of a second to seconds, so the run is cut to what decides most: two cycles
 * (demos, then the instruction), fewer candidates, smaller minibatches and finalists, fewer
 * demos per prompt (each demo is prefilled again on every call), and a time budget as well as
 * calls. The simulated models' bench checks its scores stay close to the default's.
 */
import type { CopaConfig } from './optimizers/copa-config';

export const REAL_MODEL_PRESET: Readonly<Partial<CopaConfig>> = Object.freeze({
  cycles: 2,
  demoCandidates: 4,
  instructionCandidates: 3,
  minibatchSize: 12,
  finalists: 2,
  failureProbeSize: 8,
  maxLabeledDemos: 8,
  demoTokenBudget: 800,
  proposerExampleTokens: 800,
  budget: Object.freeze({ maxWallMs: 20 * 60_000 }),
});

/** The preset for a model id: the real-model preset for WebLLM models, else none. */
export function presetForModel(modelId: string): Readonly<Partial<CopaConfig>> {
  return modelId.startsWith('webllm:') ? REAL_MODEL_PRESET : {};
}
