import { contentTokens, stem } from './text-features';

/**
 * What a model can know about a label from its name alone — the only prior any simulated model
 * has. A name such as `late_delivery` or `PaymentMethod` is read as its words; a short code is
 * one word. Nothing here knows which labels a task has.
 */

/** The words of a label name: snake_case, kebab-case, camelCase and spaces split, stemmed. */
export function labelWords(label: string): string[] {
  const spaced = label
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_\-/.:]+/g, ' ')
    .trim();
  const content = contentTokens(spaced.toLowerCase());
  if (content.length > 0) return content;
  // A name made only of short or stop words still names itself (e.g. a two-letter code).
  return spaced
    .toLowerCase()
    .split(/\s+/)
    .filter((w) => w !== '')
    .map(stem);
}

/**
 * The share of a label's name words that the input's tokens contain, in [0, 1]: an input that
 * says "late" hints at `late_delivery` (0.5), one that says both words at it fully (1).
 */
export function nameHit(label: readonly string[], input: ReadonlySet<string>): number {
  if (label.length === 0) return 0;
  let hits = 0;
  for (const w of label) if (input.has(w)) hits++;
  return hits / label.length;
}

/**
 * How alike two label names look, in [0, 1]: the larger of their shared-word share (Jaccard)
 * and their character similarity (1 − edit distance / longer length). A small model mixes up
 * `send_money` and `send_mail` or `mode` and `model` more than unrelated names.
 */
export function nameSimilarity(a: string, b: string): number {
  const key = `${a}\u0000${b}`;
  let sim = similarities.get(key);
  if (sim === undefined) {
    if (similarities.size > 100_000) similarities.clear();
    sim = computeSimilarity(a, b);
    similarities.set(key, sim);
  }
  return sim;
}

/** Remembered similarities: a run asks about the same label names again and again. */
const similarities = new Map<string, number>();

function computeSimilarity(a: string, b: string): number {
  const wa = new Set(labelWords(a));
  const wb = new Set(labelWords(b));
  let shared = 0;
  for (const w of wa) if (wb.has(w)) shared++;
  const union = wa.size + wb.size - shared;
  const jaccard = union === 0 ? 0 : shared / union;
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  const longer = Math.max(x.length, y.length);
  const chars = longer === 0 ? 0 : 1 - editDistance(x, y) / longer;
  return Math.max(jaccard, chars);
}

/** Levenshtein distance (two rows; label names are short). */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row.push(Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost));
    }
    prev = row;
  }
  return prev[b.length] ?? 0;
}
