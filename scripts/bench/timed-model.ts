import type { LanguageModel, LMRequest, LMResponse } from '../../src/core/lm';

/** Measures the time spent inside the model, so the bench can report the overhead outside it. */
export class TimedModel implements LanguageModel {
  calls = 0;
  modelMs = 0;
  promptTokens = 0;
  completionTokens = 0;

  /** The context window the run fits its prompts to (undefined: none, as the stand-ins). */
  readonly contextWindow: number | undefined;

  constructor(
    private readonly inner: LanguageModel,
    contextWindow?: number,
  ) {
    this.contextWindow = contextWindow;
  }

  get id(): string {
    return this.inner.id;
  }

  async complete(request: LMRequest, signal?: AbortSignal): Promise<LMResponse> {
    const start = performance.now();
    try {
      const response = await this.inner.complete(request, signal);
      this.promptTokens += response.usage.promptTokens;
      this.completionTokens += response.usage.completionTokens;
      return response;
    } finally {
      this.modelMs += performance.now() - start;
      this.calls++;
    }
  }
}
