/**
 * Which demos look like the final input: BM25 over the stemmed content words of all input
 * values, most similar first, with each demo's recency weight (later demos weigh more).
 */
import { Bm25Index } from './blind-bm25';
import { RECENCY_FIRST, RECENCY_LAST } from './blind-params';
import type { BlindPrompt } from './blind-prompt';
import { contentWords } from './blind-words';

export interface Neighbour {
  /** The demo's position in the prompt (0 = first). */
  index: number;
  /** BM25 similarity in [0, 1] (see blind-bm25.ts). */
  similarity: number;
  /** RECENCY_FIRST for the first demo up to RECENCY_LAST for the last, linearly. */
  recency: number;
}

/** The input values of a record as one text, in the signature's field order. */
export function inputText(
  values: Readonly<Record<string, string>>,
  names: readonly string[],
): string {
  const keys = names.length > 0 ? names : Object.keys(values);
  return keys
    .map((k) => values[k])
    .filter((v): v is string => v !== undefined)
    .join('\n');
}

/** Every demo with a positive similarity, most similar first (later demo first on ties). */
export function neighbours(prompt: BlindPrompt): Neighbour[] {
  const names = prompt.inputs.map((f) => f.name);
  const docs = prompt.demos.map((d) => contentWords(inputText(d.inputs, names)));
  const sims = new Bm25Index(docs).similarities(contentWords(inputText(prompt.query, names)));
  const m = prompt.demos.length;
  return sims
    .map((similarity, index) => ({
      index,
      similarity,
      recency:
        m <= 1 ? RECENCY_LAST : RECENCY_FIRST + ((RECENCY_LAST - RECENCY_FIRST) * index) / (m - 1),
    }))
    .filter((n) => n.similarity > 0)
    .sort((a, b) => b.similarity - a.similarity || b.index - a.index);
}
