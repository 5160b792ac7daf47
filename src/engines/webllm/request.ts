import type { ChatCompletionRequestNonStreaming } from '@mlc-ai/web-llm';
import type { LMRequest } from '../../core/lm';

/**
 * The WebLLM request for a core request. Sampling settings and limits are always sent (never
 * left to the model's defaults) so runs are reproducible; a response schema becomes WebLLM's
 * `json_object` + schema form. The rollout id is a cache concern and is not sent.
 */
export function toChatRequest(request: LMRequest): ChatCompletionRequestNonStreaming {
  return {
    messages: request.messages.map((m) => ({ role: m.role, content: m.content })),
    temperature: request.temperature,
    top_p: request.topP,
    max_tokens: request.maxTokens,
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
