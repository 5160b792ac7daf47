/**
 * Keeping a prompt inside the model's context window (its token limit): WebLLM's models have
 * 4,096 tokens, and imported texts or a long instruction can exceed it; the engine would then
 * fail every call.
 * Before a call the prompt is measured against the window minus the output limit; demos are
 * dropped (the last ones first: demo sets are ordered best first) until it fits, and a prompt
 * that cannot fit even without demos is refused with a clear error.
 */
import { CopaError } from './errors';
import type { ChatMessage } from './lm';

/**
 * A deliberately high token estimate: three characters per token (English prose is about four
 * in the Qwen2.5 and Llama 3 vocabularies; field markers and numbers are denser) plus the chat
 * template's tokens around each message. Overestimating drops a demo early; underestimating
 * fails the call.
 */
export function estimatePromptTokens(messages: readonly ChatMessage[]): number {
  return messages.reduce((n, m) => n + Math.ceil(m.content.length / 3) + 6, 0);
}

/** A prompt too long for the model's context window even without demos. */
export class ContextOverflowError extends CopaError {
  constructor(
    readonly predictor: string,
    readonly promptTokens: number,
    readonly available: number,
  ) {
    super(
      'ContextOverflowError',
      `The prompt of "${predictor}" needs about ${promptTokens} tokens, more than the ` +
        `${available} this model's context window leaves after the answer, even with no demos. ` +
        'Shorten the instruction or the longest inputs, or choose a model with a longer context.',
    );
  }
}

/** Tokens left for the prompt; undefined when the window is unknown (no guard). */
export function promptRoom(
  contextWindow: number | undefined,
  maxTokens: number,
): number | undefined {
  return contextWindow === undefined ? undefined : contextWindow - maxTokens;
}
