import { describe, expect, it } from 'vitest';
import { wordDiff } from '../../../src/ui/lib/word-diff';

const rebuild = (parts: ReturnType<typeof wordDiff>, skip: 'added' | 'removed'): string =>
  parts
    .filter((p) => p.kind !== skip)
    .map((p) => p.text)
    .join('');

describe('wordDiff', () => {
  it('marks the words added and removed, and both texts can be rebuilt from the parts', () => {
    const before = 'Classify the ticket into one queue.';
    const after = 'Classify the support ticket into exactly one queue.';
    const parts = wordDiff(before, after);
    expect(parts.filter((p) => p.kind === 'added').map((p) => p.text.trim())).toEqual([
      'support',
      'exactly',
    ]);
    expect(parts.some((p) => p.kind === 'removed')).toBe(false);
    expect(rebuild(parts, 'removed')).toBe(after);
  });

  it('shows a replaced word as removed then added', () => {
    const parts = wordDiff('Answer briefly.', 'Answer carefully.');
    expect(parts.map((p) => p.kind)).toEqual(['same', 'removed', 'added']);
    expect(rebuild(parts, 'added')).toBe('Answer briefly.');
  });

  it('handles empty texts', () => {
    expect(wordDiff('', 'New text')).toEqual([{ kind: 'added', text: 'New text' }]);
    expect(wordDiff('Old', '')).toEqual([{ kind: 'removed', text: 'Old' }]);
    expect(wordDiff('', '')).toEqual([]);
  });

  it('falls back to whole-text replacement for huge texts', () => {
    const big = 'word '.repeat(1000);
    const parts = wordDiff(big, `${big}more`);
    expect(parts.map((p) => p.kind)).toEqual(['removed', 'added']);
  });
});
