/**
 * The words that tell one label's examples from the others': smoothed log-odds of a word's
 * presence given the label against given any other label (Monroe et al. 2008, "Fightin'
 * Words", without the prior), over stemmed content words. A word must appear in at least
 * MIN_WORD_COUNT examples of the label, so one odd example does not make a rule.
 */
import { LOG_ODDS_SMOOTHING, MIN_WORD_COUNT } from './blind-params';
import { isStopWord, stem, tokens } from './blind-words';

export interface LabeledText {
  label: string;
  text: string;
}

/**
 * For each label, its discriminative words (as the examples spell them most often), best
 * first; a label without any word that clears the bar maps to an empty list.
 */
export function discriminativeWords(examples: readonly LabeledText[]): Map<string, string[]> {
  const surface = new Map<string, Map<string, number>>();
  const docs = examples.map(({ label, text }) => {
    const stems = new Set<string>();
    for (const t of tokens(text)) {
      if (isStopWord(t)) continue;
      const s = stem(t);
      stems.add(s);
      const forms = surface.get(s) ?? new Map<string, number>();
      forms.set(t, (forms.get(t) ?? 0) + 1);
      surface.set(s, forms);
    }
    return { label, stems };
  });
  const total = docs.length;
  const df = new Map<string, number>();
  for (const d of docs) for (const s of d.stems) df.set(s, (df.get(s) ?? 0) + 1);

  const a = LOG_ODDS_SMOOTHING;
  const out = new Map<string, string[]>();
  for (const label of new Set(docs.map((d) => d.label))) {
    const mine = docs.filter((d) => d.label === label);
    const nL = mine.length;
    const nO = total - nL;
    const cL = new Map<string, number>();
    for (const d of mine) for (const s of d.stems) cL.set(s, (cL.get(s) ?? 0) + 1);
    const scored: { word: string; odds: number; count: number }[] = [];
    for (const [word, count] of cL) {
      if (count < MIN_WORD_COUNT) continue;
      const other = (df.get(word) ?? 0) - count;
      const odds =
        Math.log((count + a) / (nL - count + a)) - Math.log((other + a) / (nO - other + a));
      if (odds > 0) scored.push({ word, odds, count });
    }
    scored.sort((x, y) => y.odds - x.odds || y.count - x.count || (x.word < y.word ? -1 : 1));
    out.set(
      label,
      scored.map((s) => commonestForm(surface.get(s.word)) ?? s.word),
    );
  }
  return out;
}

/** The spelling of a stem seen most often (alphabetical first on ties). */
function commonestForm(forms: ReadonlyMap<string, number> | undefined): string | undefined {
  let best: [string, number] | undefined;
  for (const [form, n] of forms ?? [])
    if (!best || n > best[1] || (n === best[1] && form < best[0])) best = [form, n];
  return best?.[0];
}
