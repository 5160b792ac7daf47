import type { ChatCompletion, ChatCompletionRequestNonStreaming } from '@mlc-ai/web-llm';
import type { ChatEngine } from '../../../../src/engines/webllm/chat-engine';

export interface FakeEngineOptions {
  answer?: (request: ChatCompletionRequestNonStreaming) => string;
  /** Called on every create; a returned value is thrown (null/undefined: answer normally). */
  fail?: () => unknown;
  /** Keep create pending until interruptGenerate is called. */
  hangUntilInterrupted?: boolean;
  /** With hangUntilInterrupted: the first call that hangs (0-based; default 0, every call). */
  hangFromCall?: number;
  extra?: { prefill_tokens_per_s: number; decode_tokens_per_s: number };
}

/** A stand-in for WebLLM's MLCEngine at the boundary the app uses. */
export class FakeEngine implements ChatEngine {
  readonly requests: ChatCompletionRequestNonStreaming[] = [];
  interrupts = 0;
  reloads: string[] = [];
  unloads = 0;
  private release: (() => void) | null = null;
  readonly chat: ChatEngine['chat'];

  constructor(private readonly opts: FakeEngineOptions = {}) {
    this.chat = { completions: { create: (r) => this.create(r) } };
  }

  async interruptGenerate(): Promise<void> {
    this.interrupts++;
    this.release?.();
  }

  async reload(modelId: string): Promise<void> {
    this.reloads.push(modelId);
  }

  async unload(): Promise<void> {
    this.unloads++;
  }

  private async create(request: ChatCompletionRequestNonStreaming): Promise<ChatCompletion> {
    this.requests.push(structuredClone(request));
    const failure = this.opts.fail?.();
    if (failure) throw failure;
    let finish: 'stop' | 'abort' = 'stop';
    if (this.opts.hangUntilInterrupted && this.requests.length > (this.opts.hangFromCall ?? 0)) {
      await new Promise<void>((resolve) => (this.release = resolve));
      finish = 'abort';
    }
    const text = this.opts.answer?.(request) ?? 'ok';
    return {
      id: 'x',
      object: 'chat.completion',
      created: 0,
      model: 'fake',
      choices: [
        {
          index: 0,
          finish_reason: finish,
          message: { role: 'assistant', content: text },
          logprobs: null,
        },
      ],
      usage: {
        prompt_tokens: 40,
        completion_tokens: 10,
        total_tokens: 50,
        extra: {
          e2e_latency_s: 0.5,
          prefill_tokens_per_s: this.opts.extra?.prefill_tokens_per_s ?? 400,
          decode_tokens_per_s: this.opts.extra?.decode_tokens_per_s ?? 20,
          time_to_first_token_s: 0.1,
          time_per_output_token_s: 0.05,
        },
      },
    } as ChatCompletion;
  }
}
