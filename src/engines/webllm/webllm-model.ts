import type { ChatCompletion } from '@mlc-ai/web-llm';
import { AbortedError } from '../../core/errors';
import { stripThinkingBlock } from '../../core/thinking-block';
import type { LanguageModel, LMRequest, LMResponse } from '../../core/lm';
import type { ChatEngine } from './chat-engine';
import { mapWebLLMError } from './map-error';
import { toChatRequest } from './request';

/** Usage of one completion as WebLLM reports it. */
export interface CallUsage {
  promptTokens: number;
  completionTokens: number;
  latencyMs: number;
  /** Prompt processing speed; null when the engine did not report it. */
  prefillTokensPerS: number | null;
  /** Generation speed; null when the engine did not report it. */
  decodeTokensPerS: number | null;
}

/** Totals over all calls of one model, with average speeds weighted by tokens. */
export interface UsageSummary {
  calls: number;
  promptTokens: number;
  completionTokens: number;
  latencyMs: number;
  prefillTokensPerS: number | null;
  decodeTokensPerS: number | null;
}

export interface WebLLMModelOptions {
  /** Called after every completed call (the worker forwards it to the UI). */
  onUsage?: (usage: CallUsage) => void;
  /** How many recent calls to keep (default 200). */
  keepCalls?: number;
  clock?: () => number;
  /** The model's context window in tokens (the catalog's), so core fits prompts to it. */
  contextWindow?: number;
  /** What makes this model's answers its own (see LanguageModel.cacheIdentity). */
  cacheIdentity?: string;
  /**
   * A thinking model (the catalog's `thinking`): every request turns its thinking off. One whose
   * warm-up shows it thinking gets the same later (see turnThinkingOff).
   */
  thinkingOff?: boolean;
}

/** A loaded WebLLM model as a core LanguageModel. */
export class WebLLMModel implements LanguageModel {
  readonly id: string;
  readonly contextWindow: number | undefined;
  readonly cacheIdentity: string | undefined;
  private readonly engine: ChatEngine;
  private sendsThinkingOff: boolean;
  /** The previous request's messages, to tell a retry that extends it (see complete). */
  private lastMessages: LMRequest['messages'] = [];
  private readonly onUsage: ((usage: CallUsage) => void) | undefined;
  private readonly keepCalls: number;
  private readonly clock: () => number;
  private readonly recent: CallUsage[] = [];
  private readonly totals = { calls: 0, promptTokens: 0, completionTokens: 0, latencyMs: 0 };
  private readonly speed = {
    prefillTokens: 0,
    prefillSeconds: 0,
    decodeTokens: 0,
    decodeSeconds: 0,
  };

  constructor(engine: ChatEngine, modelId: string, opts: WebLLMModelOptions = {}) {
    this.engine = engine;
    this.id = `webllm:${modelId}`;
    this.contextWindow = opts.contextWindow;
    this.cacheIdentity = opts.cacheIdentity;
    this.onUsage = opts.onUsage;
    this.sendsThinkingOff = opts.thinkingOff === true;
    this.keepCalls = Math.max(1, opts.keepCalls ?? 200);
    this.clock = opts.clock ?? (() => performance.now());
  }

  /** True when every request turns the model's thinking off. */
  get thinkingOff(): boolean {
    return this.sendsThinkingOff;
  }

  /**
   * Every request from now on turns thinking off: the warm-up found the model thinking where
   * nothing said it would (a model added by address, which the catalog knows nothing of).
   */
  turnThinkingOff(): void {
    this.sendsThinkingOff = true;
  }

  async complete(request: LMRequest, signal?: AbortSignal): Promise<LMResponse> {
    if (signal?.aborted) throw new AbortedError();
    // WebLLM cannot cancel one request; interrupting stops the generation in flight.
    const interrupt = (): void => void this.engine.interruptGenerate();
    signal?.addEventListener('abort', interrupt, { once: true });
    const began = this.clock();
    let completion: ChatCompletion;
    try {
      // A request that extends the previous one (a retry: its answer and the feedback added)
      // would reuse WebLLM's KV cache of the previous turn, which holds no end-of-turn token
      // after the answer; starting the chat afresh prefills the retry whole and correctly.
      if (extends_(request.messages, this.lastMessages)) await this.engine.resetChat?.();
      this.lastMessages = request.messages;
      completion = await this.engine.chat.completions.create(
        toChatRequest(request, { thinkingOff: this.sendsThinkingOff }),
      );
    } catch (err) {
      if (signal?.aborted) throw new AbortedError();
      throw mapWebLLMError(err, 'generate');
    } finally {
      signal?.removeEventListener('abort', interrupt);
    }
    if (signal?.aborted) throw new AbortedError();
    const usage = this.record(completion, this.clock() - began);
    const choice = completion.choices[0];
    return {
      // With thinking off, WebLLM starts the answer with the empty thinking block it put there.
      text: stripThinkingBlock(choice?.message.content ?? ''),
      usage: {
        promptTokens: usage.promptTokens,
        completionTokens: usage.completionTokens,
        latencyMs: usage.latencyMs,
      },
      finishReason: toFinishReason(choice?.finish_reason),
    };
  }

  /** The most recent calls, oldest first. */
  recentCalls(): CallUsage[] {
    return this.recent.map((c) => ({ ...c }));
  }

  summary(): UsageSummary {
    const rate = (tokens: number, seconds: number): number | null =>
      seconds > 0 ? tokens / seconds : null;
    return {
      ...this.totals,
      prefillTokensPerS: rate(this.speed.prefillTokens, this.speed.prefillSeconds),
      decodeTokensPerS: rate(this.speed.decodeTokens, this.speed.decodeSeconds),
    };
  }

  private record(completion: ChatCompletion, measuredMs: number): CallUsage {
    const u = completion.usage;
    const extra = u?.extra;
    const usage: CallUsage = {
      promptTokens: u?.prompt_tokens ?? 0,
      completionTokens: u?.completion_tokens ?? 0,
      latencyMs: Math.max(0, measuredMs),
      prefillTokensPerS: positiveOrNull(extra?.prefill_tokens_per_s),
      decodeTokensPerS: positiveOrNull(extra?.decode_tokens_per_s),
    };
    this.totals.calls++;
    this.totals.promptTokens += usage.promptTokens;
    this.totals.completionTokens += usage.completionTokens;
    this.totals.latencyMs += usage.latencyMs;
    if (usage.prefillTokensPerS !== null) {
      this.speed.prefillTokens += usage.promptTokens;
      this.speed.prefillSeconds += usage.promptTokens / usage.prefillTokensPerS;
    }
    if (usage.decodeTokensPerS !== null) {
      this.speed.decodeTokens += usage.completionTokens;
      this.speed.decodeSeconds += usage.completionTokens / usage.decodeTokensPerS;
    }
    this.recent.push(usage);
    if (this.recent.length > this.keepCalls) this.recent.shift();
    this.onUsage?.({ ...usage });
    return usage;
  }
}

/** True when `next` starts with every message of a non-empty `previous` and is longer. */
function extends_(next: LMRequest['messages'], previous: LMRequest['messages']): boolean {
  if (previous.length === 0 || next.length <= previous.length) return false;
  return previous.every((m, i) => next[i]?.role === m.role && next[i]?.content === m.content);
}

function positiveOrNull(value: number | undefined): number | null {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : null;
}

function toFinishReason(reason: string | null | undefined): LMResponse['finishReason'] {
  if (reason === 'length') return 'length';
  if (reason === 'abort') return 'abort';
  return 'stop';
}
