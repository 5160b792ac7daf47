import { AbortedError, isFatalError } from './errors';
import type { LanguageModel, LMRequest, LMResponse } from './lm';

/**
 * Errors after which no further call can succeed until the user acts: a lost GPU device, or a
 * local server that stopped answering, refuses the key or no longer serves the model.
 */
const RUN_STOPPING_ERRORS = new Set([
  'GPUDeviceLostError',
  'ServerUnreachableError',
  'ServerAuthError',
  'ServerModelNotFoundError',
]);

/**
 * Watches for failures after which no further call can succeed (a lost GPU device, a local
 * server gone: RUN_STOPPING_ERRORS). The optimizer counts an ordinary error as a failed example
 * and carries on; this stops the run instead, so it ends at its last checkpoint rather than
 * scoring everything as wrong.
 */
export class GuardedLM implements LanguageModel {
  readonly id: string;
  readonly cacheIdentity: string | undefined;
  readonly contextWindow: number | undefined;
  fatal: Error | null = null;

  constructor(
    private readonly inner: LanguageModel,
    private readonly onFatal: (err: Error) => void,
    private readonly isFatal: (err: unknown) => boolean = isRunStoppingError,
  ) {
    this.id = inner.id;
    this.cacheIdentity = inner.cacheIdentity;
    this.contextWindow = inner.contextWindow;
  }

  async complete(request: LMRequest, signal?: AbortSignal): Promise<LMResponse> {
    try {
      return await this.inner.complete(request, signal);
    } catch (err) {
      if (this.isFatal(err) && err instanceof Error) {
        this.fatal ??= err;
        this.onFatal(err);
        // An error the optimizer itself treats as fatal would end the run as failed; the run is
        // being stopped to be resumed, so it sees the abort (and ends at its last checkpoint).
        if (isFatalError(err) && err.name !== 'AbortError') throw new AbortedError(err.message);
      }
      throw err;
    }
  }
}

/** True for the errors after which no call can succeed until the user acts. */
export function isRunStoppingError(err: unknown): boolean {
  return err instanceof Error && RUN_STOPPING_ERRORS.has(err.name);
}
