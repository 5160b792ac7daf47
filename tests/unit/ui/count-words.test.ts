import { describe, expect, it } from 'vitest';
import { countWords } from '../../../src/ui/lib/count-words';

describe('countWords', () => {
  it('says one thing in the singular, others in the plural, grouped by thousands', () => {
    // "1 demos" and "1 model calls" were shown.
    expect(countWords(1, 'demo')).toBe('1 demo');
    expect(countWords(0, 'demo')).toBe('0 demos');
    expect(countWords(1317, 'model call')).toBe('1,317 model calls');
    expect(countWords(1, 'proposed instruction', 'proposed instructions')).toBe(
      '1 proposed instruction',
    );
  });
});
