import { serverModelOf } from './model-name';
import type { CopaConfig } from './optimizers/copa-config';

/**
 * COPA settings for a real model in the browser (WebLLM on the user's GPU), where every call
 * costs a fraction of a second to seconds and its price grows with the prompt: two cycles that
 * start with the prompt phase, in a 20-minute time budget which the run plans its phases to
 * (time-plan.ts) from the warm-up's speed and then its own pace.
 *
 * Why the instruction first: until a compilation phase has run, the program's calls carry no
 * demos, and demos are most of a call's prompt (on ticket routing 124 prompt tokens a call
 * without them, about 800 with DSPy's 16 labeled + 4 bootstrapped), so a prompt phase on the
 * start program costs a fraction of one after it. The new instruction then guides
 * bootstrapping, and the second cycle spends what time is left.
 *
 * Measured with `npm run bench` (four simulated models, method copa-real-preset, on a clock
 * that runs at an iGPU-class 0.5B model's speed; README, "The real-model preset"), as test
 * scores summed over (task, model) pairs against default COPA: built-in tasks -0.098 (seeds
 * 0-4) and -0.012 (seeds 5-19), public samples -0.110 (seeds 0-4) and -0.127 (5-9); the
 * previous preset (one cycle, demos first, 30 minutes) gave -0.114, -0.057, -0.096 and
 * -0.052: the same within the noise (about 0.05 per sum), in at most 20 minutes instead of 30
 * (median 14-18 against 17-21; default COPA up to 159). What did not pay: 10 minutes with the
 * instruction first (built-in -0.28: date normalization keeps too little of its compilation);
 * 15 minutes (-0.20 and -0.15); 20 minutes with one cycle (-0.196, -0.079, -0.102, -0.113, but
 * a median of 12 minutes); 20 minutes with the demos first (one cycle -0.189 built-in, two
 * -0.277). A large validation set is sampled to what the budget affords (selection-set.ts).
 */
export const REAL_MODEL_PRESET: Readonly<Partial<CopaConfig>> = Object.freeze({
  cycles: 2,
  startWith: 'prompt',
  budget: Object.freeze({ maxWallMs: 20 * 60_000 }),
});

/**
 * The preset for a model id: the real-model preset for WebLLM models and a local server's (each
 * of whose calls costs real time too, often more: a bigger model, on a CPU at times), else none.
 */
export function presetForModel(modelId: string): Readonly<Partial<CopaConfig>> {
  return modelId.startsWith('webllm:') || serverModelOf(modelId) !== null ? REAL_MODEL_PRESET : {};
}
