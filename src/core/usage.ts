import { BudgetExceededError } from './errors';
import { chatTokens, type LanguageModel, type LMRequest, type LMResponse } from './lm';

/** Limits on a run. Unset limits are unlimited. */
export interface Budget {
  maxCalls?: number;
  maxTokens?: number;
  maxWallMs?: number;
}

/** What a run has spent so far. Cached calls are counted apart and cost nothing. */
export interface UsageTotals {
  calls: number;
  cachedCalls: number;
  promptTokens: number;
  completionTokens: number;
  lmMs: number;
  /** Wall time since the meter started (plus the restored wall time of a resumed run). */
  wallMs?: number;
}

/** What is left of `budget` after spending `totals`; Infinity where there is no limit. */
export function budgetRemaining(budget: Budget, totals: UsageTotals): BudgetRemaining {
  const left = (limit: number | undefined, used: number): number =>
    limit === undefined ? Infinity : Math.max(0, limit - used);
  return {
    calls: left(budget.maxCalls, totals.calls),
    tokens: left(budget.maxTokens, totals.promptTokens + totals.completionTokens),
    wallMs: left(budget.maxWallMs, totals.wallMs ?? 0),
  };
}

/** What is left of a budget; Infinity where there is no limit. */
export interface BudgetRemaining {
  calls: number;
  tokens: number;
  wallMs: number;
}

/**
 * How this session's real calls have gone since its clock started (not restored from a
 * checkpoint): what a time plan learns the run's pace from. Prompt tokens are estimated from the
 * text the way the cost estimate counts them, so a pace and an estimate speak of the same tokens.
 */
export interface Pace {
  calls: number;
  wallMs: number;
  estimatedPromptTokens: number;
  completionTokens: number;
}

/**
 * Counts calls, tokens and time of the model it wraps and enforces a budget: once a limit
 * is reached, the next call throws BudgetExceededError without reaching the model.
 * Wrap a CachedLM in it so cache hits are recorded as free cached calls.
 */
export class MeteredLM implements LanguageModel {
  readonly id: string;
  readonly cacheIdentity: string | undefined;
  readonly contextWindow: number | undefined;
  private readonly inner: LanguageModel;
  private readonly budget: Budget;
  private readonly clock: () => number;
  private readonly usage: Required<UsageTotals>;
  private readonly restoredWallMs: number;
  private startedAt: number;
  private readonly paced = { calls: 0, estimatedPromptTokens: 0, completionTokens: 0 };
  /** Time this session's timed calls took, for the length of the next one (`wouldOverrun`). */
  private pacedMs = 0;

  constructor(
    inner: LanguageModel,
    budget: Budget = {},
    clock: () => number = () => performance.now(),
    initial?: UsageTotals,
  ) {
    this.inner = inner;
    this.id = inner.id;
    this.cacheIdentity = inner.cacheIdentity;
    this.contextWindow = inner.contextWindow;
    this.budget = budget;
    this.clock = clock;
    this.usage = {
      calls: initial?.calls ?? 0,
      cachedCalls: initial?.cachedCalls ?? 0,
      promptTokens: initial?.promptTokens ?? 0,
      completionTokens: initial?.completionTokens ?? 0,
      lmMs: initial?.lmMs ?? 0,
      wallMs: 0,
    };
    this.restoredWallMs = initial?.wallMs ?? 0;
    this.startedAt = clock();
  }

  /** Restarts the wall clock (e.g. when the run really begins after setup). */
  startClock(): void {
    this.startedAt = this.clock();
  }

  /** This session's pace so far. */
  pace(): Pace {
    return { ...this.paced, wallMs: Math.max(0, this.clock() - this.startedAt) };
  }

  /** A snapshot of the totals so far (safe to store in a checkpoint). */
  totals(): Required<UsageTotals> {
    return { ...this.usage, wallMs: this.wallMs() };
  }

  remaining(): BudgetRemaining {
    return budgetRemaining(this.budget, this.totals());
  }

  /**
   * The error the next call would throw, or null while the budget lasts. Its message is shown
   * as it is where a run stops ("Why it stopped"), so it is whole sentences without brackets.
   */
  exhausted(): BudgetExceededError | null {
    const { maxCalls, maxTokens, maxWallMs } = this.budget;
    if (maxCalls !== undefined && this.usage.calls >= maxCalls)
      return new BudgetExceededError(
        `The call budget is spent: ${this.usage.calls} of ${maxCalls} model ${maxCalls === 1 ? 'call' : 'calls'}. Raise the call limit for a longer run.`,
        'calls',
      );
    if (maxTokens !== undefined && this.tokens() >= maxTokens)
      return new BudgetExceededError(
        `The token budget is spent: ${this.tokens()} of ${maxTokens} tokens. Raise the token limit for a longer run.`,
        'tokens',
      );
    const wall = this.wallMs();
    if (maxWallMs !== undefined && wall >= maxWallMs)
      return new BudgetExceededError(
        `The time budget is spent: ${formatSeconds(wall)} of ${formatSeconds(maxWallMs)}. Raise the time limit for a longer run.`,
        'time',
      );
    return null;
  }

  async complete(request: LMRequest, signal?: AbortSignal): Promise<LMResponse> {
    const spent = this.exhausted() ?? this.wouldOverrun(request);
    if (spent) throw spent;
    const began = this.clock();
    const response = await this.inner.complete(request, signal);
    if (response.cached) {
      this.usage.cachedCalls++;
    } else {
      this.usage.calls++;
      this.usage.promptTokens += response.usage.promptTokens;
      this.usage.completionTokens += response.usage.completionTokens;
      // A replayed answer cost its call before the interruption, but no time now: it does not
      // tell how fast calls go.
      if (response.replayed) return response;
      this.usage.lmMs += Math.max(0, this.clock() - began);
      this.pacedMs += Math.max(0, this.clock() - began);
      this.paced.calls++;
      this.paced.estimatedPromptTokens += chatTokens(request.messages);
      this.paced.completionTokens += response.usage.completionTokens;
    }
    return response;
  }

  /**
   * A time budget is a limit the user set, not a point to pass: a call that would likely end
   * past it is not started. Its length is this session's average call scaled by its prompt
   * (a call with 16 demos reads several times the prompt of one without, and prefill is most
   * of a call on a real model). Measured from a few calls; before them, as for calls and
   * tokens, the budget is spent only once reached.
   */
  private wouldOverrun(request: LMRequest): BudgetExceededError | null {
    const { maxWallMs } = this.budget;
    const { calls, estimatedPromptTokens, completionTokens } = this.paced;
    if (maxWallMs === undefined || calls < MIN_CALLS_FOR_PACE) return null;
    const wall = this.wallMs();
    const averageTokens = (estimatedPromptTokens + completionTokens) / calls;
    const thisTokens = chatTokens(request.messages) + completionTokens / calls;
    const nextCallMs =
      (this.pacedMs / calls) * (averageTokens > 0 ? thisTokens / averageTokens : 1);
    if (wall + nextCallMs <= maxWallMs) return null;
    return new BudgetExceededError(
      `The time budget is spent: ${formatSeconds(wall)} of ${formatSeconds(maxWallMs)}, and the next model call (about ${formatSeconds(nextCallMs)}) would have ended past it. Raise the time limit for a longer run.`,
      'time',
    );
  }

  private tokens(): number {
    return this.usage.promptTokens + this.usage.completionTokens;
  }

  private wallMs(): number {
    return this.restoredWallMs + Math.max(0, this.clock() - this.startedAt);
  }
}

/** Calls timed before their average length predicts the next one's. */
const MIN_CALLS_FOR_PACE = 3;

function formatSeconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}
