import type { Adapter } from '../adapters/adapter';
import { CachedLM, type CacheStore } from '../cache';
import { validatorFor, type Constraint } from '../constraints';
import { EngineFailureGuard } from '../engine-failures';
import { AbortedError, BudgetExceededError, throwIfAborted } from '../errors';
import { evaluate, type EvaluationResult } from '../evaluate';
import type { Example } from '../example';
import type { LanguageModel } from '../lm';
import type { Metric } from '../metric';
import type { Program } from '../program';
import type { OutputValidator, RunContext } from '../run-program';
import { MeteredLM, type Budget, type UsageTotals } from '../usage';
import type { RunEvent, RunEventListener } from './events';
import { clearlyBehind } from './racing';
import type { CurvePoint } from './records';
import { selectionSetWords } from './selection-set';

/** What an optimizer improves: a program, its data, its metric and the rules on its outputs. */
export interface OptimizerTask {
  program: Program;
  trainset: Example[];
  valset: Example[];
  metric: Metric;
  constraints?: Constraint[];
}

/** How an optimizer talks to the model and reports; shared by COPA and the baselines. */
/** A candidate and the incumbent, both scored on the whole validation set. */
export interface FullComparison {
  candidate: Program;
  incumbent: Program;
  /** Per-example validation scores, in the same example order. */
  candidateScores: readonly number[];
  incumbentScores: readonly number[];
}

export interface OptimizerRunOptions {
  /** The raw engine; the optimizer wraps it with CachedLM and MeteredLM itself. */
  lm: LanguageModel;
  /** Called for every such comparison (to study acceptance rules on held-back data). */
  onComparison?: (comparison: FullComparison) => void;
  cacheStore?: CacheStore;
  adapter: Adapter;
  onEvent?: RunEventListener;
  signal?: AbortSignal;
  /**
   * The time source of the time budget, in milliseconds (performance.now by default). The bench
   * passes a simulated device's clock, so a time budget binds where it would on that device.
   */
  clock?: () => number;
}

export interface SessionSettings {
  budget: Budget;
  maxRetries: number;
  /** Totals already spent (a resumed run). */
  initialTotals?: UsageTotals;
  /** Curve so far (a resumed run). */
  initialCurve?: CurvePoint[];
  initialViolations?: number;
  /**
   * Tags the run's calls in the answer cache (with the phase they belong to), so that if the
   * run is interrupted inside a phase and resumed, the answers it had already paid for count
   * as the calls they were (`replayFrom`: the phase the resumed run redoes). Without a tag
   * nothing is tagged.
   */
  runTag?: string;
  replayFrom?: number;
}

/**
 * The model wrapped for an optimizer run (cache in front, meter and budget outside it), the
 * constraint validator, violation counts, the event sink and the learning curve.
 */
export class OptimizerSession {
  readonly lm: MeteredLM;
  readonly cache: CachedLM;
  readonly adapter: Adapter;
  readonly metric: Metric;
  readonly signal: AbortSignal | undefined;
  readonly curve: CurvePoint[];
  readonly onComparison: ((comparison: FullComparison) => void) | undefined;
  violations: number;
  /** Calls whose prompt was cut to fit the model's context window, and the demos left out. */
  readonly contextTrims = { calls: 0, demosDropped: 0 };
  /**
   * A candidate fully scored above the incumbent in a phase that has not finished yet. If the
   * budget runs out or the run is cancelled before the phase ends, it is still the best so far.
   * `candidateId` names it on the phase's card (its record's id).
   */
  unsettled: {
    program: Program;
    score: number;
    exampleScores: number[];
    candidateId: string;
  } | null = null;
  private readonly validate: OutputValidator;
  private readonly maxRetries: number;
  private readonly listener: RunEventListener | undefined;
  private best = -Infinity;
  /** The phase the run is in (tags its calls in the answer cache). */
  phase = 0;
  /**
   * What full scores rest on, in decisions and insights: the run sets the sample's words when
   * a tight budget has it select on part of the validation set (selection-set.ts).
   */
  selectionSetWords = selectionSetWords();

  constructor(task: OptimizerTask, options: OptimizerRunOptions, settings: SessionSettings) {
    const { runTag, replayFrom } = settings;
    // A model that keeps failing stops the run with a named error after a few calls in a row
    // (engine-failures.ts), whoever calls the optimizer: scored as wrong answers, its errors
    // would end the run as a silent row of zeros. A large memory cache: candidates share most
    // requests (minibatch then full set), and a run's working set is a few thousand prompts.
    this.cache = new CachedLM(new EngineFailureGuard(options.lm), {
      ...(options.cacheStore ? { store: options.cacheStore } : {}),
      memoryEntries: 50_000,
      ...(runTag !== undefined
        ? {
            origin: () => `${runTag}:${this.phase}`,
            isReplay: (origin: string) =>
              replayFrom !== undefined && replayedPhase(origin, runTag) >= replayFrom,
          }
        : {}),
    });
    this.lm = new MeteredLM(this.cache, settings.budget, options.clock, settings.initialTotals);
    this.adapter = options.adapter;
    this.metric = task.metric;
    this.signal = options.signal;
    this.listener = options.onEvent;
    this.onComparison = options.onComparison;
    this.validate = validatorFor(task.constraints ?? []);
    this.maxRetries = settings.maxRetries;
    this.curve = settings.initialCurve ? settings.initialCurve.map((p) => [p[0], p[1]]) : [];
    const last = this.curve[this.curve.length - 1];
    if (last) this.best = last[1];
    this.violations = settings.initialViolations ?? 0;
  }

  emit(event: RunEvent): void {
    this.listener?.(event);
  }

  /** A RunContext on this session's model, with the constraints and violation counting. */
  context(overrides: Partial<RunContext> = {}): RunContext {
    return {
      lm: this.lm,
      adapter: this.adapter,
      validate: this.validate,
      maxRetries: this.maxRetries,
      onViolation: () => {
        this.violations++;
      },
      onContextTrim: (_predictor, dropped) => {
        this.contextTrims.calls++;
        this.contextTrims.demosDropped += dropped;
      },
      ...(this.signal ? { signal: this.signal } : {}),
      ...overrides,
    };
  }

  /**
   * Evaluates a program at temperature 0. Throws BudgetExceededError or AbortedError when the
   * evaluation was cut short, so a partial score never decides anything.
   */
  async score(program: Program, examples: readonly Example[]): Promise<EvaluationResult> {
    throwIfAborted(this.signal);
    const result = await evaluate({
      program,
      examples,
      metric: this.metric,
      ctx: this.context(),
    });
    if (result.stoppedReason === 'budget')
      throw this.lm.exhausted() ?? new BudgetExceededError('The budget is spent.', 'calls');
    if (result.stoppedReason === 'aborted') throw new AbortedError();
    return result;
  }

  /**
   * Like `score`, but stops as soon as the program can no longer score strictly above `bar`
   * even if it got every remaining example right, or, given the per-example scores of the
   * program that set the bar, once it is clearly behind that program on the examples scored so
   * far (racing). Returns null when it stopped so.
   */
  async scoreAbove(
    program: Program,
    examples: readonly Example[],
    bar: number,
    reference: readonly number[] | null = null,
  ): Promise<EvaluationResult | null> {
    const total = examples.length;
    const run = await this.scoreUntil(program, examples, (scores) => {
      const sum = scores.reduce((a, b) => a + b, 0);
      if ((sum + (total - scores.length)) / total <= bar) return true;
      return reference !== null && clearlyBehind(scores.map((x, i) => x - (reference[i] ?? 0)));
    });
    return run.stopped ? null : run.result;
  }

  /**
   * Evaluates like `score`, but asks `shouldStop` after every example (with the scores so far,
   * in example order) and stops there when it says so. Budget and cancel still throw.
   */
  async scoreUntil(
    program: Program,
    examples: readonly Example[],
    shouldStop: (scores: readonly number[]) => boolean,
  ): Promise<{ result: EvaluationResult; stopped: boolean }> {
    throwIfAborted(this.signal);
    const race = new AbortController();
    const forward = (): void => race.abort();
    this.signal?.addEventListener('abort', forward, { once: true });
    const scores: number[] = [];
    let stopped = false;
    try {
      const result = await evaluate({
        program,
        examples,
        metric: this.metric,
        ctx: this.context({ signal: race.signal }),
        onProgress: (_done, _total, last) => {
          scores.push(last.score);
          if (!stopped && shouldStop(scores)) {
            stopped = true;
            race.abort();
          }
        },
      });
      if (result.stoppedReason === 'budget')
        throw this.lm.exhausted() ?? new BudgetExceededError('The budget is spent.', 'calls');
      if (this.signal?.aborted) throw new AbortedError();
      if (!stopped && result.stoppedReason === 'aborted') throw new AbortedError();
      return { result, stopped };
    } finally {
      this.signal?.removeEventListener('abort', forward);
    }
  }

  /** Records the best full-validation score so far on the learning curve. */
  recordBest(score: number): void {
    if (score > this.best || this.curve.length === 0) this.best = Math.max(score, this.best);
    this.curve.push([this.lm.totals().calls, this.best]);
  }

  totals(): UsageTotals {
    return this.lm.totals();
  }

  /** Emits the usage so far (after each phase or step). */
  reportBudget(): void {
    this.emit({ type: 'budget', totals: this.totals(), remaining: this.lm.remaining() });
  }
}

/** The difference between two usage snapshots (what a phase cost). */
export function usageDelta(after: UsageTotals, before: UsageTotals): UsageTotals {
  return {
    calls: after.calls - before.calls,
    cachedCalls: after.cachedCalls - before.cachedCalls,
    promptTokens: after.promptTokens - before.promptTokens,
    completionTokens: after.completionTokens - before.completionTokens,
    lmMs: after.lmMs - before.lmMs,
    wallMs: (after.wallMs ?? 0) - (before.wallMs ?? 0),
  };
}

/** The phase of a cache origin written by the run tagged `runTag`; -1 for any other origin. */
function replayedPhase(origin: string, runTag: string): number {
  if (!origin.startsWith(`${runTag}:`)) return -1;
  const phase = Number(origin.slice(runTag.length + 1));
  return Number.isInteger(phase) ? phase : -1;
}
