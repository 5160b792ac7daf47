import { WEBLLM_DEFAULT_CONTEXT_WINDOW } from '../../src/core/context-window-range';
import { chatAdapter } from '../../src/core/adapters/chat-adapter';
import { constraintFromSpec, validatorFor } from '../../src/core/constraints';
import { evaluate } from '../../src/core/evaluate';
import type { Example } from '../../src/core/example';
import { BASELINES, runCopa, type BaselineMethod } from '../../src/core/optimizers';
import { Program } from '../../src/core/program';
import type { SimulatedModelInfo } from '../../src/engines/standin/simulated-models';
import { REAL_MODEL_PRESET } from '../../src/core/real-model-preset';
import { TYPICAL_IGPU_SPEED } from '../../src/core/time-estimate';
import { CallCostMeter, DspyTwin } from './call-costs';
import { TimedModel } from './timed-model';
import { TokenCounter } from './token-counter';
import type { BenchTask, MethodRow } from './types';

export const METHODS = [
  'zero-shot',
  'bootstrap-fewshot',
  'random-search',
  'instruction-only',
  'joint-search',
  'reflective-search',
  'copa',
  'copa-matched',
  'copa-real-preset',
] as const;
export type Method = (typeof METHODS)[number];

export interface RunSettings {
  copaOverrides: Record<string, unknown>;
  baselineOverrides: Record<string, unknown>;
  /** A context window for every method's prompts (BENCH_CONTEXT_WINDOW); the preset's is 4,096. */
  contextWindow?: number;
}

/**
 * Runs one method on one task with a fresh simulated model of `seed`. `copa-matched` is COPA
 * with a hard call budget of `matchedCalls` (what the joint search spent on the same task and
 * seed): the comparison at equal cost.
 */
export async function runMethod(
  task: BenchTask,
  modelInfo: SimulatedModelInfo,
  method: Method,
  seed: number,
  settings: RunSettings,
  matchedCalls?: number,
): Promise<MethodRow> {
  // Real-tokenizer counts and DSPy's wording of every call that reaches the model.
  const twin = new DspyTwin(chatAdapter);
  const costs = new CallCostMeter(modelInfo.create(seed), tokenCounter(), twin);
  // The preset's row stands for a run on a catalog WebLLM model, whose window is 4,096 tokens:
  // its prompts (the proposer's above all) are fitted to that window as they would be there.
  const contextWindow =
    method === 'copa-real-preset' ? WEBLLM_DEFAULT_CONTEXT_WINDOW : settings.contextWindow;
  const model = new TimedModel(costs, contextWindow);
  const adapter = twin.adapter;
  const constraints = task.constraints.map(constraintFromSpec);
  const optimizerTask = {
    program: task.program,
    trainset: task.splits.train,
    valset: task.splits.val,
    metric: task.metric,
    constraints,
  };
  const start = performance.now();
  let program = task.program;
  let valScore: number;
  let curve: [number, number][];
  if (method === 'zero-shot') {
    const val = await evaluate({
      program,
      examples: task.splits.val,
      metric: task.metric,
      ctx: { lm: model, adapter, seed, validate: validatorFor(constraints) },
    });
    valScore = val.score;
    curve = [[model.calls, val.score]];
  } else {
    const isCopa = method === 'copa' || method === 'copa-matched' || method === 'copa-real-preset';
    const overrides = isCopa ? settings.copaOverrides : settings.baselineOverrides;
    const budget = method === 'copa-matched' ? { budget: { maxCalls: matchedCalls } } : {};
    const preset = method === 'copa-real-preset' ? REAL_MODEL_PRESET : {};
    const options = {
      lm: model,
      adapter,
      config: { ...preset, ...overrides, ...budget, seed },
      // The run's clock and the speed its warm-up would measure are the iGPU-class model's, so
      // a time budget binds and is planned for as it would be on that device.
      clock: () => costs.deviceMs(),
      speed: TYPICAL_IGPU_SPEED,
    };
    const result = isCopa
      ? await runCopa(optimizerTask, options)
      : await BASELINES[method as BaselineMethod](optimizerTask, options);
    program = Program.fromState(result.program);
    valScore = result.bestScore;
    curve = result.curve.map(([calls, score]) => [calls, score]);
  }
  const wallMs = performance.now() - start;
  const lmCalls = model.calls;
  const overheadMsPerCall = lmCalls > 0 ? (wallMs - model.modelMs) / lmCalls : 0;
  // The test set is scored outside the measured run, with a fresh model of the same kind and
  // seed, so nothing the run's model saw (or cached) can leak into the test score.
  const scoreOn = async (examples: Example[]): Promise<number> =>
    (
      await evaluate({
        program,
        examples,
        metric: task.metric,
        ctx: {
          lm: modelInfo.create(seed),
          adapter: chatAdapter,
          seed,
          validate: validatorFor(constraints),
          ...(contextWindow !== undefined ? { contextWindow } : {}),
        },
      })
    ).score;
  const test = await scoreOn(task.splits.test);
  return {
    method,
    seed,
    lmCalls,
    promptTokens: model.promptTokens,
    completionTokens: model.completionTokens,
    // The run's own best can be a minibatch estimate or a score on a sample of the set: the
    // returned program is scored again on the whole set, as every method's is.
    valScore: method === 'zero-shot' ? valScore : await scoreOn(task.splits.val),
    runValScore: valScore,
    testScore: test,
    wallMs: Math.round(wallMs),
    overheadMsPerCall,
    ...costs.figures(),
    curve,
  };
}

let sharedCounter: TokenCounter | undefined;
/** One tokenizer for the whole bench: loading it takes seconds, and its counts are cached. */
function tokenCounter(): TokenCounter {
  sharedCounter ??= new TokenCounter();
  return sharedCounter;
}
