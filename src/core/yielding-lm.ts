import type { LanguageModel, LMRequest, LMResponse } from './lm';

/**
 * Lets the worker's event loop run. A fast model (the stand-in answers in microseconds) keeps
 * an optimizer in one long chain of promise callbacks, so a cancel message would wait until
 * the run ended; a macrotask break lets it in.
 */
export function yieldToEventLoop(): Promise<void> {
  if (typeof MessageChannel === 'undefined') return new Promise((r) => setTimeout(r, 0));
  // MessageChannel avoids the 4 ms clamp that nested setTimeout calls get.
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

/** Wraps a model and yields to the event loop after every `sliceMs` of busy time. */
export class YieldingLM implements LanguageModel {
  readonly id: string;
  readonly cacheIdentity: string | undefined;
  readonly contextWindow: number | undefined;
  private lastYield: number;

  constructor(
    private readonly inner: LanguageModel,
    private readonly sliceMs = 8,
    private readonly clock: () => number = () => performance.now(),
    private readonly pause: () => Promise<void> = yieldToEventLoop,
  ) {
    this.id = inner.id;
    this.cacheIdentity = inner.cacheIdentity;
    this.contextWindow = inner.contextWindow;
    this.lastYield = clock();
  }

  async complete(request: LMRequest, signal?: AbortSignal): Promise<LMResponse> {
    if (this.clock() - this.lastYield >= this.sliceMs) {
      await this.pause();
      this.lastYield = this.clock();
    }
    return this.inner.complete(request, signal);
  }
}
