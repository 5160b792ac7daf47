import { describe, expect, it } from 'vitest';
import { runWords } from '../../../src/ui/library/run-words';

describe('runWords', () => {
  it('names the model and the seed, so runs of one task can be told apart', () => {
    expect(runWords({ model: 'Stand-in model', seed: 7 })).toBe(' · Stand-in model · seed 7');
    expect(runWords({ seed: 0 })).toBe(' · seed 0');
    expect(runWords({})).toBe('');
  });
});
