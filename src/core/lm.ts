import type { JsonObject } from './json';

/** One chat message, as OpenAI-style APIs and WebLLM take them. */
export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

/** Everything that determines a completion. All sampling settings are always set. */
export interface LMRequest {
  messages: ChatMessage[];
  temperature: number;
  topP: number;
  maxTokens: number;
  seed: number;
  stop?: string[];
  /** JSON schema for schema-constrained output (the JSON adapter sets it). */
  responseSchema?: JsonObject;
  /**
   * Distinguishes deliberate re-samples of the same prompt (DSPy's rollout id). Part of the
   * cache key; never sent to the engine.
   */
  rolloutId?: string;
}

/** Token counts and time of one completion. */
export interface LMUsage {
  promptTokens: number;
  completionTokens: number;
  latencyMs: number;
}

export interface LMResponse {
  text: string;
  usage: LMUsage;
  /** True when served from the cache (no model call was made). */
  cached?: boolean;
  /**
   * Served from the cache, but the answer to a call this very run made before it was
   * interrupted inside a phase (see CachedLM's `isReplay`): the run counts it as the call it was
   * (cached is false), though it took no time now.
   */
  replayed?: boolean;
  finishReason?: 'stop' | 'length' | 'abort';
}

/** The one interface every engine implements. */
export interface LanguageModel {
  /** Identifies the model (and its quantization); part of the cache key. */
  readonly id: string;
  /**
   * Everything besides `id` that changes the answers (a WebLLM model's weights and library URLs
   * and WebLLM's version; a simulated model's seed), so that two models under one id never
   * share cached answers. The answer cache keys on it when set, else on `id`.
   */
  readonly cacheIdentity?: string | undefined;
  /**
   * The model's context window in tokens (prompt and answer together), when known; prompts
   * are fitted to it before each call (see context-guard.ts).
   */
  readonly contextWindow?: number | undefined;
  complete(request: LMRequest, signal?: AbortSignal): Promise<LMResponse>;
}

/** Default sampling settings; optimizers override temperature for fresh samples. */
export const DEFAULT_SAMPLING = { temperature: 0, topP: 1, maxTokens: 512, seed: 0 } as const;

/** A rough token count (about four characters per token) for estimates and the stand-in model. */
export function estimateTokens(text: string): number {
  return Math.max(1, Math.ceil(text.length / 4));
}

/** Tokens the chat template adds around each message (role header and end-of-turn). */
const TEMPLATE_TOKENS_PER_MESSAGE = 4;

/** Estimated tokens of a chat prompt, at the cost estimate's four characters per token. */
export function chatTokens(messages: readonly ChatMessage[]): number {
  return messages.reduce((n, m) => n + estimateTokens(m.content) + TEMPLATE_TOKENS_PER_MESSAGE, 0);
}
