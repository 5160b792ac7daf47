import { describe, expect, it } from 'vitest';
import { scoredExamplesWords } from '../../../src/ui/lib/scored-examples';

describe('scoredExamplesWords', () => {
  it('says how many examples a score is over, never as a fraction that reads as right answers', () => {
    expect(scoredExamplesWords(199, 199)).toBe('on 199 examples');
    expect(scoredExamplesWords(1, 1)).toBe('on 1 example');
    // An evaluation cut short (cancelled, or a budget spent) says how far it got.
    expect(scoredExamplesWords(120, 1_500)).toBe('on 120 of 1,500 examples');
    expect(scoredExamplesWords(199, 199)).not.toMatch(/\d\/\d/);
  });
});
