import type { LanguageModel, LMRequest, LMResponse } from './lm';

/** Records every request that reaches the model, exactly as sent. */
export class RecordingLM implements LanguageModel {
  readonly id: string;
  readonly cacheIdentity: string | undefined;
  readonly requests: LMRequest[] = [];
  /** The model's reply to each request, in the same order ('' while none came). */
  readonly replies: string[] = [];

  constructor(private readonly inner: LanguageModel) {
    this.id = inner.id;
    this.cacheIdentity = inner.cacheIdentity;
  }

  async complete(request: LMRequest, signal?: AbortSignal): Promise<LMResponse> {
    const at = this.requests.push(structuredClone(request)) - 1;
    this.replies[at] = '';
    const response = await this.inner.complete(request, signal);
    this.replies[at] = response.text;
    return response;
  }
}
