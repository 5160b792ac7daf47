/**
 * Engine failures (the model call itself threw: a lost device, an out-of-memory, a crashed
 * worker...) are not wrong answers. Scored as zeros they would turn a broken run into a silent
 * row of zeros, so a few in a row stop the run with a named error the user can act on.
 */
import { CopaError } from './errors';
import type { LanguageModel, LMRequest, LMResponse } from './lm';
import { checkedResponse } from './model-response';

/** Consecutive engine failures that stop a run, unless configured otherwise. */
export const DEFAULT_MAX_CONSECUTIVE_ENGINE_FAILURES = 3;

/** The model failed several calls in a row; the run stops (its last checkpoint is kept). */
export class EngineFailureError extends CopaError {
  constructor(
    readonly failures: number,
    readonly lastError: string,
  ) {
    super(
      'EngineFailureError',
      `The model failed ${failures} calls in a row, so the run stopped (its last checkpoint is ` +
        `kept). Last error: ${lastError} Once the model answers again (reload it, pick a ` +
        'smaller one, or restart the server it runs on), resume.',
    );
  }
}

/** Errors that are the run's own decisions, not the engine failing. */
const NOT_ENGINE_FAILURES = new Set([
  'AbortError',
  'BudgetExceededError',
  'ParseError',
  'ConstraintViolationError',
  'ContextOverflowError',
  'EngineFailureError',
]);

/** True when an error thrown by a model call means the engine failed. */
export function isEngineFailure(err: unknown): boolean {
  return !(err instanceof Error && NOT_ENGINE_FAILURES.has(err.name));
}

/**
 * Wraps a model and counts its consecutive engine failures; the call that reaches the limit
 * throws EngineFailureError instead of the engine's error. A successful call resets the count.
 * Wrap it outside the cache (cache hits are not engine calls) and inside the meter.
 */
export class EngineFailureGuard implements LanguageModel {
  readonly id: string;
  readonly cacheIdentity: string | undefined;
  readonly contextWindow: number | undefined;
  private consecutive = 0;
  /** Engine failures over the guard's life (for statistics). */
  total = 0;

  constructor(
    private readonly inner: LanguageModel,
    private readonly maxConsecutive = DEFAULT_MAX_CONSECUTIVE_ENGINE_FAILURES,
  ) {
    this.id = inner.id;
    this.cacheIdentity = inner.cacheIdentity;
    this.contextWindow = inner.contextWindow;
  }

  async complete(request: LMRequest, signal?: AbortSignal): Promise<LMResponse> {
    try {
      // An answer without text is the engine failing too (model-response.ts).
      const response = checkedResponse(
        this.id,
        request,
        await this.inner.complete(request, signal),
      );
      this.consecutive = 0;
      return response;
    } catch (err) {
      if (!isEngineFailure(err)) throw err;
      this.consecutive++;
      this.total++;
      if (this.consecutive >= this.maxConsecutive)
        throw new EngineFailureError(
          this.consecutive,
          err instanceof Error ? `${err.name}: ${err.message}` : String(err),
        );
      throw err;
    }
  }
}
