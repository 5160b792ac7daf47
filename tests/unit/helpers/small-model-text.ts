import type { LMRequest } from '../../../src/core/lm';

/**
 * What a small model's generation looks like once the engine applies the request's limits:
 * the text is cut at the first stop string (which is not returned, as OpenAI-style engines do)
 * and after `maxTokens` tokens (four characters each here). Returns the text and its tokens.
 */
export function limitGeneration(
  full: string,
  limits: { maxTokens: number; stop?: readonly string[] | undefined },
): { text: string; completionTokens: number; finishReason: 'stop' | 'length' } {
  let text = full;
  let finishReason: 'stop' | 'length' = 'stop';
  for (const s of limits.stop ?? []) {
    const at = text.indexOf(s);
    if (at >= 0) text = text.slice(0, at);
  }
  const cap = Math.max(1, limits.maxTokens) * 4;
  if (text.length > cap) {
    text = text.slice(0, cap);
    finishReason = 'length';
  }
  return { text, completionTokens: Math.max(1, Math.ceil(text.length / 4)), finishReason };
}

/** An answer followed by the kind of chatter a small model adds when nothing stops it. */
export function rambling(answer: string): string {
  const chatter = ' I hope this helps! Let me know if you have any other questions.'.repeat(60);
  return `${answer}\n\n[[ ## completed ## ]]\n\nExplanation:${chatter}`;
}

export type { LMRequest };
