import { describe, expect, it } from 'vitest';
import { fieldLines } from '../../../src/ui/lib/compared-rows';

describe('fieldLines', () => {
  it('keeps each field apart from its value, so the value can keep its own direction', () => {
    expect(fieldLines({ ticket: 'مرحبا order', priority: 2, tags: ['a', 'b'] })).toEqual([
      { name: 'ticket', text: 'مرحبا order' },
      { name: 'priority', text: '2' },
      { name: 'tags', text: '["a","b"]' },
    ]);
  });

  it('shows a bare value without a name, and nothing for a missing answer', () => {
    expect(fieldLines('👩‍👩‍👧‍👦 family')).toEqual([{ name: null, text: '👩‍👩‍👧‍👦 family' }]);
    expect(fieldLines(null)).toEqual([]);
    expect(fieldLines(undefined)).toEqual([]);
  });
});
