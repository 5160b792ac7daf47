import { abortableWait } from './abortable-wait';
import type { LanguageModel, LMRequest, LMResponse } from './lm';

/**
 * Adds a fixed wait to every call, so the stand-in can mimic a real model's pace (runs take
 * seconds, not milliseconds). The wait ends early, with AbortedError, when the signal aborts.
 */
export class DelayedLM implements LanguageModel {
  readonly id: string;
  readonly cacheIdentity: string | undefined;

  constructor(
    private readonly inner: LanguageModel,
    private readonly delayMs: number,
  ) {
    this.id = inner.id;
    this.cacheIdentity = inner.cacheIdentity;
  }

  async complete(request: LMRequest, signal?: AbortSignal): Promise<LMResponse> {
    await abortableWait(this.delayMs, signal);
    const response = await this.inner.complete(request, signal);
    return {
      ...response,
      usage: { ...response.usage, latencyMs: response.usage.latencyMs + this.delayMs },
    };
  }
}
