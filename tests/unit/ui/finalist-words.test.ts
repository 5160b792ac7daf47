import { describe, expect, it } from 'vitest';
import { finalistOutcomeWords } from '../../../src/ui/lib/finalist-words';

describe('a finalist that was not accepted', () => {
  it('is not better when it scored no higher than the program it had to beat', () => {
    expect(finalistOutcomeWords(0.4, { accepted: false, score: 0.5, incumbentScore: 0.5 })).toBe(
      'not better on the full set',
    );
  });

  it('is higher but not by the margin when it beat the current program without a clear gain', () => {
    // "Keep only clear gains": it said "not better" of a finalist above the current program.
    expect(finalistOutcomeWords(0.52, { accepted: false, score: 0.5, incumbentScore: 0.5 })).toBe(
      'higher, but not by the required margin',
    );
    // The winner is the best finalist that clears the margin; a higher one did not clear it.
    expect(finalistOutcomeWords(0.66, { accepted: true, score: 0.65, incumbentScore: 0.5 })).toBe(
      'higher, but not by the required margin',
    );
  });

  it('is below the winner when another finalist was accepted', () => {
    expect(finalistOutcomeWords(0.55, { accepted: true, score: 0.65, incumbentScore: 0.5 })).toBe(
      'below the accepted candidate',
    );
  });
});
