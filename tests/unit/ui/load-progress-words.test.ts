import { describe, expect, it } from 'vitest';
import { loadProgressWords } from '../../../src/ui/lib/load-progress-words';
import type { LoadProgress } from '../../../src/worker/api';

const at = (phase: LoadProgress['phase'], percent: number): LoadProgress => ({
  phase,
  percent,
  bytes: null,
  text: '',
});

describe('a model load in words', () => {
  it('names every phase in words, never by its identifier', () => {
    for (const phase of [
      'starting',
      'downloading',
      'reading-cache',
      'compiling',
      'ready',
      'measuring-speed',
    ] as const) {
      const words = loadProgressWords(at(phase, 50)).words;
      expect(words).not.toContain(phase === 'ready' ? 'ready:' : phase);
      expect(words).toMatch(/^[A-Z]/);
    }
    expect(loadProgressWords(at('downloading', 42.5)).words).toBe('Downloading the model: 42.5%');
  });

  it('the speed warm-up has no percent to show (its bar is indeterminate), and a loaded model none left', () => {
    expect(loadProgressWords(at('measuring-speed', 0))).toEqual({
      words: 'Measuring its speed with a short warm-up…',
      percent: null,
    });
    expect(loadProgressWords(at('ready', 100))).toEqual({ words: 'Loaded', percent: 100 });
  });
});
