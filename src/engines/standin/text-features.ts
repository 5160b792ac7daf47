/**
 * Word-level features the stand-in model uses: tokens, keyword mentions and token-overlap
 * similarity. The proposer and the answerer share them, so a rule the proposer writes about a
 * word is matched by exactly the same tokenizer when the model applies it.
 */

const STOPWORDS = new Set(
  (
    'the a an and or but if of to in on at for with from by is are was were be been being it its ' +
    'this that these those i me my we our you your he she they them their his her what which who ' +
    'whom how when where why do does did have has had not no can could would should will shall ' +
    'may might must am there here than then so too very just also again still about into over ' +
    'please thanks thank hello hi hey dear can any some all more most other such only own same ' +
    'as up out off one two get got need want like know since last next today yesterday'
  ).split(' '),
);

/**
 * Generic words a language model knows carry little meaning on their own; they never count
 * as evidence (similarity or keywords). Stands in for what a real model's knowledge of
 * English would discount.
 */
const GENERIC = new Set(
  (
    'problem question issue help check wrong expected right fine good bad morning evening ' +
    'support team customer client order number year month week day time way thing something ' +
    'nothing anything everything someone nobody anybody message letter mail reply answer answered ' +
    'wrote write written send sent look looking forward advance regard regards advise soon possible ' +
    'urgent same new old first second let make made use using used see seen say said tell told ' +
    'seem seems affected way really actually already well way'
  ).split(' '),
);

/** Lower-case content words (length >= 3, not stopwords), with a crude plural stem. */
export function contentTokens(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/[A-Za-z][A-Za-z0-9']*/g)) {
    // A capitalized word inside a sentence is a name: a model knows names say nothing about a topic.
    if (/^[A-Z][a-z]/.test(m[0]) && !/(^|[.!?:]\s*)$/.test(text.slice(0, m.index))) continue;
    const word = m[0].toLowerCase().replace(/'s$/, '').replace(/'/g, '');
    if (word.length < 3 || STOPWORDS.has(word)) continue;
    const stemmed = stem(word);
    if (GENERIC.has(word) || GENERIC.has(stemmed)) continue;
    out.push(stemmed);
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

/** Every lower-cased word of a text, stopwords included (for the built-in prior). */
export function allWords(text: string): Set<string> {
  return new Set(text.toLowerCase().match(/[a-z][a-z0-9']*/g) ?? []);
}

/**
 * Similarity that counts only shared tokens which, among the demos, go with a single answer:
 * words seen with several answers ("film" in reviews, "order" in tickets) say nothing.
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
