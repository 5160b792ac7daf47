import type { LoadProgress } from '../../worker/api';

/** What a model load's progress line says, and the bar's value (null: no share to show). */
export interface LoadProgressWords {
  words: string;
  percent: number | null;
}

const PHASE_WORDS: Readonly<Record<LoadProgress['phase'], string>> = {
  starting: 'Starting',
  downloading: 'Downloading the model',
  'reading-cache': "Reading the model from this browser's storage",
  compiling: 'Preparing the GPU',
  ready: 'Loaded',
  'measuring-speed': 'Measuring its speed with a short warm-up…',
};

/**
 * "Downloading the model: 42.5%": the phase in words, not its identifier. The speed warm-up
 * reports no share done (a bar at 0% would look stuck), and a loaded model needs no percent.
 */
export function loadProgressWords(p: LoadProgress): LoadProgressWords {
  const words = PHASE_WORDS[p.phase];
  if (p.phase === 'measuring-speed') return { words, percent: null };
  if (p.phase === 'ready') return { words, percent: 100 };
  return { words: `${words}: ${p.percent}%`, percent: p.percent };
}
