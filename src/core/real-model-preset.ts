import { serverModelOf } from './model-name';
import type { CopaConfig } from './optimizers/copa-config';

/**
 * COPA settings for a real model in the browser (WebLLM on the user's GPU), where every call
 * costs a fraction of a second to seconds and its price grows with the prompt: two cycles that
 * start with the prompt phase, demos of at most 600 estimated tokens per step, in a 15-minute
 * time budget which the run plans its phases to (time-plan.ts) from the warm-up's speed and
 * then its own pace, and which no call is started past (usage.ts).
 *
 * Why the instruction first: until a compilation phase has run, the program's calls carry no
 * demos, and demos are most of a call's prompt (on ticket routing 124 prompt tokens a call
 * without them, about 800 with DSPy's 16 labeled + 4 bootstrapped), so a prompt phase on the
 * start program costs a fraction of one after it. The new instruction then guides
 * bootstrapping, and the second cycle spends what time is left. Why 600 demo tokens (COPA's
 * default is 1,200): every call of a compilation phase reads its demos again, so half the
 * demos buys more candidates in the same minutes.
 *
 * Measured with `npm run bench` (four simulated models, method copa-real-preset, on a clock
 * that runs at an iGPU-class 0.5B model's speed and with the catalog's 4,096-token context
 * window; README, "The real-model preset"), as test scores against default COPA paired by seed
 * (2026-12-02). Over the 28 (task, model) pairs (seeds 0-4): 15 minutes with 600 demo tokens
 * -0.005 on average, the worst pair -0.076 (date normalization, demo-biased model; -0.001 on
 * seeds 5-19), -0.006 and -0.064 once ties with a near-perfect program went on (selection.ts); 20 minutes -0.002, worst -0.039; 10 minutes -0.025, worst -0.158 and four pairs
 * below -0.1 (date normalization and TREC lose their compilation phase's demos). On ticket
 * routing over seeds 0-19, the mean of the four models: 15 minutes -0.004, 20 minutes +0.003,
 * 10 minutes -0.013, default COPA taking 19-56 minutes. 1,200 demo tokens scored no better at
 * 20 minutes (worst pair -0.038) or 10 (ticket routing -0.032 on seeds 5-19 against -0.013).
 * What did not pay at 10 minutes either: one cycle (the same scores); minibatches of 15 (word
 * problems -0.444); the demos first (ticket routing -0.133, date normalization -0.235). A large
 * validation set is sampled to what the budget affords (selection-set.ts).
 */
export const REAL_MODEL_PRESET: Readonly<Partial<CopaConfig>> = Object.freeze({
  cycles: 2,
  startWith: 'prompt',
  demoTokenBudget: 600,
  budget: Object.freeze({ maxWallMs: 15 * 60_000 }),
});

/**
 * The preset for a model id: the real-model preset for WebLLM models and a local server's (each
 * of whose calls costs real time too, often more: a bigger model, on a CPU at times), else none.
 */
export function presetForModel(modelId: string): Readonly<Partial<CopaConfig>> {
  return modelId.startsWith('webllm:') || serverModelOf(modelId) !== null ? REAL_MODEL_PRESET : {};
}
