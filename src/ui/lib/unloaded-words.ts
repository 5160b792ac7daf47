import type { UnloadedModel } from '../engine-state.svelte';

/**
 * What became of the real model a failed or cancelled load unloaded (WebLLM holds one model at
 * a time, so it goes before the new one loads): loaded again, or gone and why. `short` is the
 * clause Optimize puts after "No model is loaded".
 */
export function unloadedWords(u: UnloadedModel, form: 'full' | 'short' = 'full'): string {
  if (u.loadedAgain) return `${u.label}, the model in use before, is loaded again and answers.`;
  const unloaded = `${u.label} was unloaded to make room for ${u.wanted}`;
  const notAgain = 'and could not be loaded again';
  if (form === 'short') return `${unloaded} ${notAgain}`;
  return (
    `No model is loaded now: ${unloaded} (WebLLM holds one model at a time) ${notAgain}. ` +
    'Load it again, or use the stand-in.'
  );
}
