import type { JsonObject } from '../../core/json';

/**
 * One documented way to ask a server not to let a thinking model (Qwen3, DeepSeek-R1, QwQ)
 * think, as extra fields of the chat completion request.
 */
export interface ThinkingOff {
  /** The fields added to every request, as the panel names them to the user. */
  fields: JsonObject;
  /** The servers that document it. */
  servers: string;
}

/**
 * The ways servers document, tried in this order when the warm-up sees a model thinking. Each
 * server ignores the other's field (vLLM and Ollama ignore unknown fields; llama-server too),
 * but vLLM refuses a `reasoning_effort` other than low, medium or high, so that one comes
 * second. LM Studio documents no way for its chat completions: its models keep the refusal.
 */
export const THINKING_OFF_WAYS: readonly ThinkingOff[] = [
  {
    fields: { chat_template_kwargs: { enable_thinking: false } },
    servers: 'llama-server, vLLM',
  },
  { fields: { reasoning_effort: 'none' }, servers: 'Ollama' },
];

/** The fields as one line of JSON, as the panel shows them. */
export function describeThinkingOff(way: ThinkingOff): string {
  return JSON.stringify(way.fields).slice(1, -1);
}
