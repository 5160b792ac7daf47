import { describe, expect, it } from 'vitest';
import { bestWords, runWords } from '../../../src/ui/library/run-words';

describe('runWords', () => {
  it('names the model and the seed, so runs of one task can be told apart', () => {
    expect(runWords({ model: 'Stand-in model', seed: 7 })).toBe(' · Stand-in model · seed 7');
    expect(runWords({ seed: 0 })).toBe(' · seed 0');
    expect(runWords({})).toBe('');
  });
});

describe('bestWords', () => {
  it('gives the best validation score, or that the start program was kept on an estimate', () => {
    expect(bestWords({ bestScore: 0.61 })).toBe('best validation 61.0%');
    expect(bestWords({})).toBe('best validation —');
    expect(bestWords({ bestScore: 0.52, bestExamples: 25 })).toBe(
      'start program kept, 52.0% on 25 validation examples',
    );
  });
});
