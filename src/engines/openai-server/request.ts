import type { LMRequest } from '../../core/lm';
import type { JsonObject } from '../../core/json';
import type { ThinkingOff } from './thinking-off';

/**
 * The body of `POST /v1/chat/completions` for a core request. Every sampling setting is sent
 * (servers' defaults differ, and runs must be reproducible); a response schema becomes the
 * OpenAI `json_schema` response format unless the server refused it before; a thinking model's
 * thinking is turned off the way the warm-up found to work. The rollout id is a cache concern
 * and is not sent.
 */
export function toServerRequest(
  model: string,
  request: LMRequest,
  opts: { sendSchema: boolean; thinkingOff?: ThinkingOff | null },
): JsonObject {
  const body: JsonObject = {
    model,
    messages: request.messages.map((m) => ({ role: m.role, content: m.content })),
    temperature: request.temperature,
    top_p: request.topP,
    max_tokens: request.maxTokens,
    seed: Number.isSafeInteger(request.seed) ? request.seed : Math.trunc(request.seed) || 0,
    stream: false,
    n: 1,
  };
  if (request.stop && request.stop.length > 0) body.stop = [...request.stop];
  if (request.responseSchema && opts.sendSchema)
    body.response_format = {
      type: 'json_schema',
      json_schema: { name: 'output', schema: request.responseSchema, strict: true },
    };
  return opts.thinkingOff ? { ...body, ...opts.thinkingOff.fields } : body;
}
