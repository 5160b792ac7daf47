/**
 * A thinking model (Qwen3, DeepSeek-R1, QwQ) writes `<think>…</think>` before its answer. With
 * thinking turned off it may still start with an empty block (WebLLM prefixes
 * `<think>\n\n</think>\n\n` to the answer it returns), and a server may leave a full block in
 * the answer. Either names labels the model weighs, which would mislead the lenient answer
 * reader, so the block is removed before the answer is parsed.
 */
/**
 * The tokens of the empty thinking block WebLLM writes before the answer when thinking is off:
 * `<think>`, a blank line, `</think>`, a blank line (one token each in Qwen3's tokenizer). They
 * are written like the answer's, so they count against `max_tokens` and take time.
 */
export const EMPTY_THINKING_BLOCK_TOKENS = 4;

// Every complete block before the answer: a model can think after the empty block its
// thinking-off template put first, and the answer comes after the last one.
const LEADING_BLOCKS = /^(?:\s*<think>[\s\S]*?<\/think>)+\s*/i;
const STARTED = /^\s*<think>/i;
/** A block that holds something other than whitespace, or one never closed, after any empty. */
const THOUGHT = /^(?:\s*<think>\s*<\/think>)*\s*<think>(?!\s*<\/think>)/i;

/** The text without its leading thinking blocks (complete ones only; an unclosed one stays). */
export function stripThinkingBlock(text: string): string {
  return text.replace(LEADING_BLOCKS, '');
}

/** True when the text starts a thinking block, closed or not (even an empty one). */
export function startsThinkingBlock(text: string): boolean {
  return STARTED.test(text);
}

/** True when the text starts with actual thinking: a block that is not empty, or never closed. */
export function startsWithThought(text: string): boolean {
  return THOUGHT.test(text);
}
