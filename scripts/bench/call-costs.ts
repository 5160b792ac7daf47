/**
 * What each model call of a bench run would cost on a real model: tokens counted with the real
 * tokenizer, the same call in DSPy's ChatAdapter wording, and the time on an iGPU-class 0.5B
 * model (the figures of issue 12: prefill about 300 tokens/s, decode about 40 tokens/s and
 * about 0.08 s of fixed cost per call).
 */
import type { Adapter } from '../../src/core/adapters/adapter';
import { dspyChatAdapter } from '../../src/core/adapters/dspy-chat-adapter';
import type { ChatMessage, LanguageModel, LMRequest, LMResponse } from '../../src/core/lm';
import { runSeconds, TYPICAL_IGPU_SPEED } from '../../src/core/time-estimate';
import type { TokenCounter } from './token-counter';

/**
 * Seconds on the iGPU-class model for these totals: the app's own figure (TYPICAL_IGPU_SPEED),
 * which the bench also gives a run as its warm-up's speed, so the clock and the plan agree.
 */
export function igpuSeconds(promptTokens: number, completionTokens: number, calls: number): number {
  return runSeconds({ promptTokens, completionTokens, lmCalls: calls }, TYPICAL_IGPU_SPEED);
}

/**
 * Wraps the run's adapter: formats as it does, and remembers the DSPy ChatAdapter messages
 * for the same signature, demos and inputs, keyed by the messages it returned.
 */
export class DspyTwin {
  private readonly twins = new Map<string, ChatMessage[]>();
  readonly adapter: Adapter;

  constructor(inner: Adapter) {
    this.adapter = {
      ...inner,
      format: (signature, demos, inputs) => {
        const messages = inner.format(signature, demos, inputs);
        this.twins.set(key(messages), dspyChatAdapter.format(signature, demos, inputs));
        return messages;
      },
    };
  }

  /**
   * DSPy's messages for a request: the twin of its formatted conversation, plus the retry
   * turns (the model's answer and the feedback) when it is a retry.
   */
  of(messages: readonly ChatMessage[]): ChatMessage[] | undefined {
    const direct = this.twins.get(key(messages));
    if (direct) return direct;
    const base = this.twins.get(key(messages.slice(0, -2)));
    return base ? [...base, ...messages.slice(-2)] : undefined;
  }
}

function key(messages: readonly ChatMessage[]): string {
  return JSON.stringify(messages);
}

/** Counts real-tokenizer tokens of every call that reaches the model, ours and DSPy's. */
export class CallCostMeter implements LanguageModel {
  calls = 0;
  promptTokens = 0;
  completionTokens = 0;
  dspyPromptTokens = 0;
  /** Calls with no DSPy twin (formatted outside the adapter): counted with our own prompt. */
  untwinned = 0;

  constructor(
    private readonly inner: LanguageModel,
    private readonly counter: TokenCounter,
    private readonly twin: DspyTwin,
  ) {}

  get id(): string {
    return this.inner.id;
  }

  async complete(request: LMRequest, signal?: AbortSignal): Promise<LMResponse> {
    const response = await this.inner.complete(request, signal);
    const ours = this.counter.prompt(request.messages);
    const dspy = this.twin.of(request.messages);
    if (!dspy) this.untwinned++;
    this.calls++;
    this.promptTokens += ours;
    this.dspyPromptTokens += dspy ? this.counter.prompt(dspy) : ours;
    this.completionTokens += this.counter.completion(response.text);
    return response;
  }

  /**
   * Milliseconds the calls so far would have taken on the iGPU-class model: the clock of a
   * run's time budget in the bench, so a budget in minutes stops a run where it would there.
   */
  deviceMs(): number {
    return igpuSeconds(this.promptTokens, this.completionTokens, this.calls) * 1000;
  }

  figures(): { igpuSeconds: number; promptTokensPerCall: number; dspyPromptTokensPerCall: number } {
    const per = (n: number): number => (this.calls > 0 ? n / this.calls : 0);
    return {
      igpuSeconds: igpuSeconds(this.promptTokens, this.completionTokens, this.calls),
      promptTokensPerCall: per(this.promptTokens),
      dspyPromptTokensPerCall: per(this.dspyPromptTokens),
    };
  }
}
