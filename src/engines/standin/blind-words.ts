/**
 * Words as the blind reader sees them: lower-cased word tokens, English stop words removed (the
 * general list of the `stopword` package, not a list drawn from any task's data), and a light
 * suffix stemmer so that inflected forms meet.
 */
import { eng } from 'stopword/src/stopwords_eng.js';

const STOP_WORDS: ReadonlySet<string> = new Set(eng.map((w) => w.toLowerCase()));

/** Letters and digits; an apostrophe inside a word stays ("don't"). */
const WORD = /[\p{L}\p{N}]+(?:'[\p{L}]+)?/gu;

/** Stems shorter than this are not stripped further ("red" stays "red", not "r"). */
const MIN_STEM = 3;

/**
 * A light stemmer in the spirit of Harman's (1991) S-stemmer, extended to -ing, -ed and -ly:
 * -ies becomes -y, -es is dropped after a sibilant (boxes, wishes), else a final -s is dropped
 * (notes -> note) unless the word ends in -ss or -us; -ing, -ed and -ly are dropped. A stem
 * never gets shorter than three letters. Both sides of every comparison use it, so a crude stem
 * ("making" -> "mak") still meets itself.
 */
export function stem(word: string): string {
  const w = word.toLowerCase().replace(/'s$/, '');
  const cut = (suffix: number): string | null =>
    w.length - suffix >= MIN_STEM ? w.slice(0, w.length - suffix) : null;
  if (w.endsWith('ing')) return cut(3) ?? w;
  if (w.endsWith('ed')) return cut(2) ?? w;
  if (w.endsWith('ly')) return cut(2) ?? w;
  if (w.endsWith('ies')) {
    const base = cut(3);
    return base === null ? w : `${base}y`;
  }
  if (/(?:s|x|z|ch|sh)es$/.test(w)) return cut(2) ?? w;
  if (w.endsWith('s') && !w.endsWith('ss') && !w.endsWith('us')) return cut(1) ?? w;
  return w;
}

/** The lower-cased word tokens of a text, in order (stop words kept). */
export function tokens(text: string): string[] {
  return text.toLowerCase().match(WORD) ?? [];
}

export function isStopWord(word: string): boolean {
  return STOP_WORDS.has(word.toLowerCase());
}

/** The stemmed content words of a text, in order, repeats kept. */
export function contentWords(text: string): string[] {
  const out: string[] = [];
  for (const t of tokens(text)) if (!isStopWord(t)) out.push(stem(t));
  return out;
}

/**
 * The stemmed content words of a label's name: split on `_`, `-`, spaces and camelCase
 * boundaries ("fooBar" -> foo, bar), so a coined name meets the words it is made of.
 */
export function labelNameWords(label: string): string[] {
  const spaced = label.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/[_-]+/g, ' ');
  return [...new Set(contentWords(spaced))];
}

/** Lower case with `_`, `-` and runs of white space as single spaces: how labels are matched. */
export function looseForm(text: string): string {
  return text
    .toLowerCase()
    .replace(/[_\s-]+/g, ' ')
    .trim();
}
