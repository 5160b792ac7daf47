import { isJsonObject, type JsonObject } from '../../core/json';
import {
  startsThinkingBlock,
  startsWithThought,
  stripThinkingBlock,
} from '../../core/thinking-block';
import { ServerError } from './errors';

/**
 * The answer text of a chat completion's message, without a thinking block. An answer with no
 * text (a thinking model that ran out of answer length, a broken chat template) is no answer:
 * scored, it would be a silent row of zeros, so it is an error the run counts as the engine
 * failing (three in a row pause the run) and the warm-up reports before a run.
 */
export function answerText(message: JsonObject, finishReason: unknown, address: string): string {
  const content = typeof message.content === 'string' ? message.content : '';
  // Ollama and LM Studio leave a thinking model's reasoning in the answer as a leading block.
  const thinking = startsThinkingBlock(content);
  const text = stripThinkingBlock(content);
  if (text.trim() !== '' && !startsThinkingBlock(text)) return text;
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

/**
 * True when a chat completion's message shows the model thinking: a thinking block with
 * something in it (or never closed) before the answer, or reasoning in a separate field.
 */
export function showsThinking(message: JsonObject): boolean {
  const content = typeof message.content === 'string' ? message.content : '';
  return startsWithThought(content) || reasoningLength(message) > 0;
}
