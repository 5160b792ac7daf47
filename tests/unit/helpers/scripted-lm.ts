import { AbortedError } from '../../../src/core/errors';
import {
  estimateTokens,
  type LMRequest,
  type LMResponse,
  type LanguageModel,
} from '../../../src/core/lm';

/** How a ScriptedLM answers: a function of the request, or a table keyed by a substring of the last user message. */
export type Script = ((request: LMRequest, callIndex: number) => string) | Record<string, string>;

export interface ScriptedLMOptions {
  id?: string;
  /** Per-call delay in ms (real timers), or a function of the call index; abortable while waiting. */
  delayMs?: number | ((callIndex: number) => number);
  /** Answer used by a table script when no key matches; without it an unmatched request throws. */
  fallback?: string;
}

/**
 * A deterministic test model. Counts calls, records every request it received, and respects
 * AbortSignal (rejects with AbortedError if aborted before or during the delay).
 */
export class ScriptedLM implements LanguageModel {
  readonly id: string;
  readonly requests: LMRequest[] = [];
  calls = 0;
  private readonly script: Script;
  private readonly delayMs: (callIndex: number) => number;
  private readonly fallback: string | undefined;

  constructor(script: Script, opts: ScriptedLMOptions = {}) {
    this.script = script;
    this.id = opts.id ?? 'scripted-lm';
    const delay = opts.delayMs ?? 0;
    this.delayMs = typeof delay === 'number' ? () => delay : delay;
    this.fallback = opts.fallback;
  }

  /** The last user message of a request ('' when there is none). */
  static lastUser(request: LMRequest): string {
    for (let i = request.messages.length - 1; i >= 0; i--) {
      const m = request.messages[i];
      if (m && m.role === 'user') return m.content;
    }
    return '';
  }

  async complete(request: LMRequest, signal?: AbortSignal): Promise<LMResponse> {
    if (signal?.aborted) throw new AbortedError();
    const callIndex = this.calls++;
    this.requests.push(structuredClone(request));
    const delayMs = this.delayMs(callIndex);
    if (delayMs > 0) await sleep(delayMs, signal);
    const text = this.answer(request, callIndex);
    const promptText = request.messages.map((m) => m.content).join('\n');
    return {
      text,
      usage: {
        promptTokens: estimateTokens(promptText),
        completionTokens: estimateTokens(text),
        latencyMs: delayMs,
      },
      finishReason: 'stop',
    };
  }

  private answer(request: LMRequest, callIndex: number): string {
    if (typeof this.script === 'function') return this.script(request, callIndex);
    const user = ScriptedLM.lastUser(request);
    for (const [key, value] of Object.entries(this.script)) {
      if (user.includes(key)) return value;
    }
    if (this.fallback !== undefined) return this.fallback;
    throw new Error(`ScriptedLM: no scripted answer for user message: ${user.slice(0, 200)}`);
  }
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(new AbortedError());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
