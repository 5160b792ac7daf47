import type { ConstraintSpec } from '../../src/core/constraints';
import type { Example } from '../../src/core/example';
import type { Metric } from '../../src/core/metric';
import type { Program } from '../../src/core/program';

/** One task the bench runs every method on. */
export interface BenchTask {
  id: string;
  name: string;
  /** 'public': a sample of a public dataset; 'built-in': the app's own generated tasks. */
  suite: 'public' | 'built-in';
  program: Program;
  metric: Metric;
  constraints: readonly ConstraintSpec[];
  splits: { train: Example[]; val: Example[]; test: Example[] };
}

/** What one method did on one task, model and seed (one row of bench-results.json). */
export interface MethodRow {
  method: string;
  seed: number;
  lmCalls: number;
  promptTokens: number;
  completionTokens: number;
  /**
   * The returned program's score on the whole validation set, measured after the run with a
   * fresh model (as the test score), so that every method's is on the same examples.
   */
  valScore: number;
  /**
   * The best validation score the run itself reported: for COPA it can be a minibatch estimate
   * (a start program it kept without scoring it in full) or a score on a sample of the set (a
   * tight budget selects on one); its learning curve holds the run's own scores.
   */
  runValScore: number;
  testScore: number;
  wallMs: number;
  overheadMsPerCall: number;
  /**
   * Seconds the run's model calls would take on an iGPU-class 0.5B model: prompt tokens / 300
   * + completion tokens / 40 + 0.08 s per call, tokens from the Qwen2.5 tokenizer.
   */
  igpuSeconds: number;
  /** Prompt tokens per call (Qwen2.5 tokenizer, chat template included). */
  promptTokensPerCall: number;
  /** The same calls in DSPy's ChatAdapter wording. */
  dspyPromptTokensPerCall: number;
  /** [LM calls so far, best validation score so far]. */
  curve: [number, number][];
}

/** Every method's rows on one task with one simulated model. */
export interface TaskModelResult {
  task: string;
  model: string;
  methods: MethodRow[];
}
