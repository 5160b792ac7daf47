import { isJsonObject, type JsonObject } from '../../core/json';
import { ServerError } from './errors';

/**
 * A thinking model's reasoning, when the server leaves it in the answer (Ollama and LM Studio
 * with Qwen3, DeepSeek-R1, QwQ): a block before the answer, which names labels it weighs and
 * would mislead the lenient answer reader.
 */
const THINKING_BLOCK = /^\s*<think>[\s\S]*?<\/think>\s*/i;
const THINKING_STARTED = /^\s*<think>/i;

/**
 * The answer text of a chat completion's message, without a thinking block. An answer with no
 * text (a thinking model that ran out of answer length, a broken chat template) is no answer:
 * scored, it would be a silent row of zeros, so it is an error the run counts as the engine
 * failing (three in a row pause the run) and the warm-up reports before a run.
 */
export function answerText(message: JsonObject, finishReason: unknown, address: string): string {
  const content = typeof message.content === 'string' ? message.content : '';
  const thinking = THINKING_STARTED.test(content);
  const text = content.replace(THINKING_BLOCK, '');
  if (text.trim() !== '' && !THINKING_STARTED.test(text)) return text;
  const reasoning = reasoningLength(message);
  const parts = [
    thinking || reasoning > 0
      ? `it was still thinking${reasoning > 0 ? ` (${reasoning} characters of reasoning)` : ''}`
      : 'the answer was empty',
    `finish_reason: ${typeof finishReason === 'string' ? finishReason : 'none'}`,
  ];
  throw new ServerError('ServerEmptyAnswerError', address, parts.join('; '));
}

/** Servers that separate a thinking model's reasoning put it in one of these fields. */
function reasoningLength(message: JsonObject): number {
  for (const key of ['reasoning_content', 'reasoning']) {
    const value = message[key];
    if (typeof value === 'string' && value.trim() !== '') return value.length;
    if (isJsonObject(value) || Array.isArray(value)) return JSON.stringify(value).length;
  }
  return 0;
}
