/**
 * The stand-in's weak built-in prior: a few words it "knows" point to a common label name.
 * Deliberately tiny and sometimes misleading (it files "refund" under returns), so zero-shot
 * accuracy is poor but not zero, and demos and stated rules have something to fix.
 */
const LEXICON: Readonly<Record<string, readonly string[]>> = {
  billing: ['bill', 'payment', 'price'],
  technical: ['error', 'bug', 'broken'],
  account: ['password', 'login'],
  shipping: ['delivery', 'ship', 'shipping'],
  returns: ['return', 'refund'],
  positive: [
    'good',
    'great',
    'love',
    'best',
    'wonderful',
    'fun',
    'beautiful',
    'funny',
    'enjoyable',
    'moving',
  ],
  negative: [
    'bad',
    'worst',
    'boring',
    'awful',
    'dull',
    'poor',
    'mess',
    'tedious',
    'stupid',
    'fails',
  ],
  hum: ['who', 'whom', 'person'],
  loc: ['where', 'country', 'city'],
  num: ['many', 'much', 'year', 'when'],
  desc: ['why', 'mean', 'definition'],
  enty: ['what', 'which'],
  abbr: ['stand', 'abbreviation'],
};

/** Prior words for a label (by its lower-cased name); empty for labels it does not know. */
export function priorWords(label: string): readonly string[] {
  return LEXICON[label.toLowerCase()] ?? [];
}
