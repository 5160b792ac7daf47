import { describe, expect, it } from 'vitest';
import {
  startsThinkingBlock,
  startsWithThought,
  stripThinkingBlock,
} from '../../../src/core/thinking-block';

describe('a thinking block before an answer', () => {
  it("removes WebLLM's empty block and a full one, keeping the answer as it is", () => {
    expect(stripThinkingBlock('<think>\n\n</think>\n\n[[ ## label ## ]]\nbilling')).toBe(
      '[[ ## label ## ]]\nbilling',
    );
    expect(stripThinkingBlock('  <THINK>billing or account?</THINK>\naccount')).toBe('account');
    expect(stripThinkingBlock('billing <think>x</think>')).toBe('billing <think>x</think>');
  });

  it('removes a second block a model writes after the empty one, but not one never closed', () => {
    const twice = '<think>\n\n</think>\n\n<think>billing or account?</think>\n\naccount';
    expect(stripThinkingBlock(twice)).toBe('account');
    expect(startsWithThought(twice)).toBe(true);
    const unclosed = '<think>\n\n</think>\n\n<think>billing or';
    expect(stripThinkingBlock(unclosed)).toBe('<think>billing or');
    expect(startsWithThought(unclosed)).toBe(true);
  });

  it('keeps a block that is never closed (the answer never came)', () => {
    expect(stripThinkingBlock('<think>\nOkay, the user')).toBe('<think>\nOkay, the user');
    expect(startsThinkingBlock('<think>\nOkay, the user')).toBe(true);
  });

  it('tells actual thinking from the empty block a model writes with thinking off', () => {
    expect(startsWithThought('<think>\n\n</think>\n\nbilling')).toBe(false);
    expect(startsThinkingBlock('<think>\n\n</think>\n\nbilling')).toBe(true);
    expect(startsWithThought('<think>Billing?</think>billing')).toBe(true);
    expect(startsWithThought('<think>\nOkay')).toBe(true);
    expect(startsWithThought('billing')).toBe(false);
  });
});
