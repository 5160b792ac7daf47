import type { ChatCompletionRequestNonStreaming } from '@mlc-ai/web-llm';
import type { LMRequest } from '../../core/lm';
import { EMPTY_THINKING_BLOCK_TOKENS } from '../../core/thinking-block';

/** How the app asks a model for answers (see CatalogEntry.thinking). */
export interface ChatRequestOptions {
  /** Turn a thinking model's thinking off, so the answer comes at once. */
  thinkingOff?: boolean;
}

/**
 * WebLLM's way to turn thinking off for one request (0.2.86: `extra_body.enable_thinking`,
 * which makes it start the answer with an empty thinking block), with the output limit raised
 * by that block. Nothing for a model that does not think.
 */
export function thinkingOffFields(
  maxTokens: number,
  opts: ChatRequestOptions,
): Pick<ChatCompletionRequestNonStreaming, 'max_tokens' | 'extra_body'> {
  if (!opts.thinkingOff) return { max_tokens: maxTokens };
  // WebLLM counts the empty block against `max_tokens`: the answer keeps its allowance.
  return {
    max_tokens: maxTokens + EMPTY_THINKING_BLOCK_TOKENS,
    extra_body: { enable_thinking: false },
  };
}

/**
 * The WebLLM request for a core request. Sampling settings and limits are always sent (never
 * left to the model's defaults) so runs are reproducible; a response schema becomes WebLLM's
 * `json_object` + schema form; a thinking model is asked not to think. The rollout id is a
 * cache concern and is not sent.
 */
export function toChatRequest(
  request: LMRequest,
  opts: ChatRequestOptions = {},
): ChatCompletionRequestNonStreaming {
  return {
    messages: request.messages.map((m) => ({ role: m.role, content: m.content })),
    temperature: request.temperature,
    top_p: request.topP,
    ...thinkingOffFields(request.maxTokens, opts),
    seed: toSeed(request.seed),
    ...(request.stop && request.stop.length > 0 ? { stop: [...request.stop] } : {}),
    ...(request.responseSchema
      ? {
          response_format: {
            type: 'json_object' as const,
            schema: JSON.stringify(request.responseSchema),
          },
        }
      : {}),
    stream: false,
    n: 1,
  };
}

/** WebLLM rejects non-integer seeds; keep integers as they are and fold anything else into one. */
function toSeed(seed: number): number {
  if (Number.isSafeInteger(seed)) return seed;
  return Number.isFinite(seed) ? Math.trunc(seed) : 0;
}
