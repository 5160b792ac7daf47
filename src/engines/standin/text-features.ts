import { eng } from 'stopword/src/stopwords_eng.js';

/**
 * Word-level features the stand-in model uses: tokens, keyword mentions and token-overlap
 * similarity. The proposer and the answerer share them, so a rule the proposer writes about a
 * word is matched by exactly the same tokenizer when the model applies it.
 */

/**
 * A general English stop-word list from a maintained package (no task's words: the stand-ins
 * know English, not any task). Short words (< 3 letters) are dropped separately.
 */
const STOPWORDS: ReadonlySet<string> = new Set(eng);

/** Lower-case content words (length >= 3, not stopwords), with a crude plural stem. */
export function contentTokens(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/[A-Za-z][A-Za-z0-9']*/g)) {
    // A capitalized word inside a sentence is a name: a model knows names say nothing about a topic.
    if (/^[A-Z][a-z]/.test(m[0]) && !/(^|[.!?:]\s*)$/.test(text.slice(0, m.index))) continue;
    const word = m[0].toLowerCase().replace(/'s$/, '').replace(/'/g, '');
    if (word.length < 3 || STOPWORDS.has(word)) continue;
    out.push(stem(word));
  }
  return out;
}

/** A set of content tokens, for overlap measures. */
export function tokenSet(text: string): Set<string> {
  return new Set(contentTokens(text));
}

/** Strips a plural `s` so "invoices" and "invoice" match; keeps short words and `ss` endings. */
export function stem(word: string): string {
  if (word.length > 5 && word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
}

/** True when `text` mentions `keyword` (a word or a short phrase), by the same tokenizer. */
export function mentions(text: string, keyword: string): boolean {
  const wanted = contentTokens(keyword);
  if (wanted.length === 0) return text.toLowerCase().includes(keyword.toLowerCase());
  const have = tokenSet(text);
  return wanted.every((w) => have.has(w));
}

/** Cosine overlap of two token sets, in [0, 1]. */
export function overlap(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const t of a) if (b.has(t)) shared++;
  return shared / Math.sqrt(a.size * b.size);
}

/**
 * Similarity that counts only shared tokens which, among the demos, go with a single answer:
 * words seen with several answers among the demos say nothing about which one to pick.
 */
export function discriminativeOverlap(
  query: ReadonlySet<string>,
  demo: ReadonlySet<string>,
  uninformative: ReadonlySet<string>,
): number {
  if (query.size === 0 || demo.size === 0) return 0;
  let shared = 0;
  for (const t of query) if (demo.has(t) && !uninformative.has(t)) shared++;
  return shared / Math.sqrt(query.size * demo.size);
}
