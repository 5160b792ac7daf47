import { REFLECTIVE_DEFAULTS } from './baselines/reflective-defaults';
import type { Example } from '../example';
import { estimateTokens } from '../lm';
import { modelCallsPerScore, type Metric } from '../metric';
import type { Program } from '../program';
import { DEFAULT_COPA_CONFIG, type CopaConfig } from './copa-config';
import type { PromptSize } from './prompt-size';
import { unwrittenOutputTokens } from './unwritten-outputs';

/** Expected model calls and tokens of a run, before it starts (cold cache, no retries). */
export interface CostEstimate {
  lmCalls: number;
  promptTokens: number;
  completionTokens: number;
}

interface EstimateTask {
  program: Program;
  trainset: readonly Example[];
  valset: readonly Example[];
  /** Measured prompt sizes (measurePromptSize); without them the boilerplate is guessed. */
  promptSize?: PromptSize | null;
  /** The task's metric: one that asks the model (an LLM judge) adds its calls to every run. */
  metric?: Metric;
}

/** Per-call token sizes measured from the data (a sample of at most 50 examples). */
interface CallSize {
  steps: number;
  exampleTokens: number;
  outputTokens: number;
  instructionTokens: number;
  promptSize: PromptSize | null;
  /** Demos past this many estimated tokens are left out of a prompt (CopaConfig). */
  demoTokenBudget: number;
  /** Model calls the metric makes to score one program run (an LLM judge: 1). */
  scoringCalls: number;
}

function callSize(task: EstimateTask, demoTokenBudget: number): CallSize {
  const sample = task.trainset.slice(0, 50);
  const outputs = new Set(task.program.outputFields);
  let all = 0;
  let out = 0;
  for (const e of sample) {
    for (const [k, v] of Object.entries(e.data)) {
      const t = estimateTokens(typeof v === 'string' ? v : JSON.stringify(v)) + 3;
      all += t;
      if (outputs.has(k)) out += t;
    }
  }
  const n = Math.max(1, sample.length);
  const instruction = task.program.steps.reduce(
    (a, s) => a + estimateTokens(s.signature.instruction),
    0,
  );
  return {
    steps: task.program.steps.length,
    exampleTokens: all / n,
    // The data's outputs, and what a call writes that the data lacks (a chain of thought).
    outputTokens: out / n + 5 + unwrittenOutputTokens(task.program, sample),
    instructionTokens: instruction / Math.max(1, task.program.steps.length),
    promptSize: task.promptSize ?? null,
    demoTokenBudget,
    scoringCalls: task.metric ? modelCallsPerScore(task.metric) : 0,
  };
}

/** Accumulates calls with their expected token sizes. */
class Tally {
  calls = 0;
  promptTokens = 0;
  completionTokens = 0;
  constructor(private readonly size: CallSize) {}

  /** `runs` program runs, each showing `demos` demos per predictor. */
  programRuns(runs: number, demos: number): void {
    const calls = runs * this.size.steps;
    this.calls += calls;
    const measured = this.size.promptSize;
    this.promptTokens +=
      calls *
      (measured
        ? measured.baseTokens + Math.min(measured.demoTokens * demos, this.size.demoTokenBudget)
        : 80 + this.size.instructionTokens + this.size.exampleTokens * (demos + 1));
    this.completionTokens += calls * this.size.outputTokens;
    // A judge's call reads the example, its gold answer and the answer, and writes one word.
    const judged = runs * this.size.scoringCalls;
    this.calls += judged;
    this.promptTokens += judged * (150 + this.size.exampleTokens + this.size.outputTokens);
    this.completionTokens += judged * 3;
  }

  proposals(count: number, demos: number, failures: number): void {
    const calls = count * this.size.steps;
    this.calls += calls;
    this.promptTokens +=
      calls *
      (400 + this.size.instructionTokens * 4 + this.size.exampleTokens * (demos + failures));
    this.completionTokens += calls * 60;
  }

  result(): CostEstimate {
    return {
      lmCalls: Math.round(this.calls),
      promptTokens: Math.round(this.promptTokens),
      completionTokens: Math.round(this.completionTokens),
    };
  }
}

/**
 * Program runs of a successive-halving selection over `n` new candidates. Finalists' full
 * evaluations reuse the answers cached from their minibatches, so only the rest is counted.
 */
export function selectionRuns(
  n: number,
  valSize: number,
  minibatch: number,
  finalists = DEFAULT_COPA_CONFIG.finalists,
): number {
  let runs = 0;
  let alive = n;
  let seen = 0;
  for (let round = 0; valSize > minibatch && (round === 0 || alive > finalists); round++) {
    runs += alive * minibatch;
    seen = Math.min(valSize, seen + minibatch);
    if (alive <= finalists) break;
    alive = Math.max(finalists, Math.ceil(alive / 2));
  }
  return runs + alive * (valSize - seen);
}

/** Bootstrap attempts for a phase, assuming half of the teacher's traces pass. */
export function bootstrapRuns(config: CopaConfig, trainSize: number): number {
  const shuffled = Math.max(0, config.demoCandidates - 3);
  const wanted = config.maxBootstrappedDemos * (2 + shuffled) * config.maxRounds;
  return config.demoCandidates >= 3 ? Math.min(trainSize * config.maxRounds, wanted) : 0;
}

/**
 * Expected cost of a COPA run from the configuration and data sizes: baseline evaluation,
 * then per cycle one compilation (bootstrap + demo-set selection) and one prompt phase
 * (failure probe + proposals + instruction selection), in the configured order. An upper estimate: cache hits,
 * early stops and repeated candidates make real runs cheaper.
 */
export function estimateCopaCost(
  task: EstimateTask,
  partial: Partial<CopaConfig> = {},
): CostEstimate {
  return estimateCopaCycles(task, partial).total;
}

/**
 * The whole run's expected cost and, when it has more than one cycle, what it costs up to the
 * end of its first (the baseline score included): a run stops after a cycle that changed
 * nothing, so the first cycle is what a user pays at least to see COPA's first result, and
 * often nearly all of it.
 */
export function estimateCopaCycles(
  task: EstimateTask,
  partial: Partial<CopaConfig> = {},
): { total: CostEstimate; firstCycle: CostEstimate | null } {
  const config = { ...DEFAULT_COPA_CONFIG, ...partial };
  const tally = new Tally(callSize(task, config.demoTokenBudget));
  const V = task.valset.length;
  const demos = Math.max(config.maxBootstrappedDemos, config.maxLabeledDemos);
  tally.programRuns(V, 0);
  let firstCycle: CostEstimate | null = null;
  // Demos in the program's calls: none until a compilation phase has run, so a prompt phase
  // that comes first is priced with the start program's short prompts.
  let shown = 0;
  const compilation = (): void => {
    tally.programRuns(bootstrapRuns(config, task.trainset.length), config.maxLabeledDemos);
    tally.programRuns(
      selectionRuns(config.demoCandidates, V, config.minibatchSize, config.finalists),
      demos / 2,
    );
    shown = demos;
  };
  const prompt = (): void => {
    tally.programRuns(Math.min(config.failureProbeSize, task.trainset.length), shown);
    tally.proposals(config.instructionCandidates, shown, 5);
    tally.programRuns(
      selectionRuns(config.instructionCandidates, V, config.minibatchSize, config.finalists),
      shown,
    );
  };
  const order = config.startWith === 'prompt' ? [prompt, compilation] : [compilation, prompt];
  for (let c = 0; c < config.cycles; c++) {
    for (const phase of order) phase();
    if (c === 0 && config.cycles > 1) firstCycle = tally.result();
  }
  return { total: tally.result(), firstCycle };
}

export type BaselineMethod =
  'bootstrap-fewshot' | 'random-search' | 'instruction-only' | 'joint-search' | 'reflective-search';

/** Expected cost of a baseline optimizer (same assumptions as estimateCopaCost). */
export function estimateBaselineCost(
  method: BaselineMethod,
  task: EstimateTask,
  partial: Partial<CopaConfig> & { trials?: number } = {},
): CostEstimate {
  const config = { ...DEFAULT_COPA_CONFIG, ...partial };
  const tally = new Tally(callSize(task, config.demoTokenBudget));
  const V = task.valset.length;
  const demos = Math.max(config.maxBootstrappedDemos, config.maxLabeledDemos);
  tally.programRuns(V, 0);
  if (method === 'bootstrap-fewshot') {
    tally.programRuns(
      Math.min(task.trainset.length, 2 * config.maxBootstrappedDemos),
      config.maxLabeledDemos,
    );
    tally.programRuns(V, demos);
  } else if (method === 'random-search') {
    tally.programRuns(bootstrapRuns(config, task.trainset.length), config.maxLabeledDemos);
    tally.programRuns(config.demoCandidates * V, demos / 2);
  } else if (method === 'instruction-only') {
    for (let d = 0; d < config.cycles; d++) {
      tally.proposals(config.instructionCandidates, 0, 0);
      tally.programRuns(config.instructionCandidates * V, 0);
    }
  } else if (method === 'reflective-search') {
    // Every trial's child reaching the full validation set: an upper estimate (the minibatch
    // turns most away, and the parent's minibatch run is often cached).
    const trials = partial.trials ?? REFLECTIVE_DEFAULTS.trials;
    const batch = Math.min(REFLECTIVE_DEFAULTS.minibatch, task.trainset.length);
    tally.programRuns(Math.min(task.trainset.length, 2 * config.maxBootstrappedDemos), demos);
    tally.programRuns(V, demos);
    tally.proposals(trials, 0, 5);
    tally.programRuns(trials * (2 * batch + V), demos);
  } else {
    const trials = partial.trials ?? config.demoCandidates * 2;
    tally.programRuns(bootstrapRuns(config, task.trainset.length), config.maxLabeledDemos);
    tally.proposals(config.instructionCandidates, demos, 0);
    tally.programRuns(trials * Math.min(V, config.minibatchSize) + 3 * V, demos);
  }
  return tally.result();
}
