import { serverModelOf } from './model-name';
import type { CopaConfig } from './optimizers/copa-config';

/**
 * COPA settings for a real model in the browser (WebLLM on the user's GPU), where every call
 * costs a fraction of a second to seconds and its price grows with the prompt: two cycles that
 * start with the prompt phase, demos of at most 600 estimated tokens per step, in a 10-minute
 * time budget which the run plans its phases to (time-plan.ts) from the warm-up's speed and
 * then its own pace, and which no call is started past (usage.ts).
 *
 * Why the instruction first: until a compilation phase has run, the program's calls carry no
 * demos, and demos are most of a call's prompt (on ticket routing 124 prompt tokens a call
 * without them, about 800 with DSPy's 16 labeled + 4 bootstrapped), so a prompt phase on the
 * start program costs a fraction of one after it. The new instruction then guides
 * bootstrapping, and the second cycle spends what time is left. Why 600 demo tokens (COPA's
 * default is 1,200): every call of a compilation phase reads its demos again, so half the
 * demos buys about twice the candidates in the same minutes.
 *
 * Measured with `npm run bench` (four simulated models, method copa-real-preset, on a clock
 * that runs at an iGPU-class 0.5B model's speed and with the catalog's 4,096-token context
 * window; README, "The real-model preset"), as test scores against default COPA, mean over
 * the four models (2026-12-02): ticket routing -0.014 (seeds 0-4) and -0.013 (5-19), date
 * normalization -0.067 and -0.043, word problems -0.032, TREC -0.047, SST-2, CLINC150 and
 * GSM8K within 0.005 (seeds 0-4), every run within 10 minutes. The 20-minute preset before it
 * kept every task within 0.02 (ticket routing -0.002 and -0.017) in a mean of 15-19 minutes:
 * a user who wants those scores raises the budget. What did not pay at 10 minutes: the same
 * with 1,200 demo tokens (ticket routing -0.019 and -0.032); one cycle (the same scores, a
 * little shorter); minibatches of 15 (word problems -0.444); the demos first (ticket routing
 * -0.133, date normalization -0.235). A large validation set is sampled to what the budget
 * affords (selection-set.ts).
 */
export const REAL_MODEL_PRESET: Readonly<Partial<CopaConfig>> = Object.freeze({
  cycles: 2,
  startWith: 'prompt',
  demoTokenBudget: 600,
  budget: Object.freeze({ maxWallMs: 10 * 60_000 }),
});

/**
 * The preset for a model id: the real-model preset for WebLLM models and a local server's (each
 * of whose calls costs real time too, often more: a bigger model, on a CPU at times), else none.
 */
export function presetForModel(modelId: string): Readonly<Partial<CopaConfig>> {
  return modelId.startsWith('webllm:') || serverModelOf(modelId) !== null ? REAL_MODEL_PRESET : {};
}
