import { ruleReliability, type InstructionRules } from './instruction-rules';
import { priorWords } from './lexicon';
import type { Noise } from './noise';
import type { ReadField, ReadPrompt } from './prompt-reader';
import { allWords, discriminativeOverlap, mentions, tokenSet } from './text-features';

/** A chosen label and a few words on why (for a reasoning field). */
export interface LabelChoice {
  label: string;
  why: string;
}

const PRIOR_NAME_WEIGHT = 0.5;
const PRIOR_WORD_WEIGHT = 0.4;
const NEIGHBOUR_WEIGHT = 1.5;
const NEIGHBOURS = 3;
/** One shared word between two long texts is a coincidence, not a neighbour. */
const MIN_SIMILARITY = 0.2;
const RULE_WEIGHT = 2.5;
const CONFUSION_MARGIN = 0.4;
const CONFUSION_RATE = 0.3;

/**
 * Picks a label by adding up three kinds of evidence found in the prompt: the built-in prior
 * (label names and a tiny lexicon), the labels of the most similar demos (token-overlap k-NN),
 * and keyword rules stated in the instruction. Close calls are sometimes confused.
 */
export function chooseLabel(
  field: ReadField,
  prompt: ReadPrompt,
  rules: InstructionRules,
  noise: Noise,
  temperature: number,
): LabelChoice {
  const labels = field.labels;
  const allInput = Object.values(prompt.inputs).join('\n');
  const query = tokenSet(allInput);
  const scores = new Map<string, number>(labels.map((l) => [l, 0]));
  const why = new Map<string, string>();
  const add = (label: string | undefined, amount: number, reason: string): void => {
    if (label === undefined) return;
    scores.set(label, (scores.get(label) ?? 0) + amount);
    if (!why.has(label)) why.set(label, reason);
  };

  const words = allWords(allInput);
  for (const label of labels) {
    if (mentions(allInput, label)) add(label, PRIOR_NAME_WEIGHT, `it mentions "${label}"`);
    for (const w of priorWords(label))
      if (words.has(w)) add(label, PRIOR_WORD_WEIGHT, `"${w}" usually means ${label}`);
  }

  const demos = prompt.demos.map((d) => ({
    label: canonical(labels, d.outputs[field.name]),
    tokens: tokenSet(Object.values(d.inputs).join('\n')),
  }));
  const uninformative = mixed(demos);
  const neighbours = demos
    .map((d) => ({ label: d.label, sim: discriminativeOverlap(query, d.tokens, uninformative) }))
    .filter((n) => n.label !== undefined && n.sim >= MIN_SIMILARITY)
    .sort((a, b) => b.sim - a.sim)
    .slice(0, NEIGHBOURS);
  for (const n of neighbours) add(n.label, NEIGHBOUR_WEIGHT * n.sim, 'a similar example had it');

  const reliability = ruleReliability(prompt.demos.length, rules.keywordRules.length);
  rules.keywordRules.forEach((rule, i) => {
    const label = canonical(labels, rule.answer);
    if (label === undefined) return;
    const text = fieldText(prompt.inputs, rule.field) ?? allInput;
    const hit = rule.keywords.find((k) => mentions(text, k));
    if (hit !== undefined && noise.roll(`rule:${i}`) < reliability)
      add(label, RULE_WEIGHT, `the instruction says "${hit}" means ${label}`);
  });

  if (temperature > 0)
    for (const l of labels)
      scores.set(l, (scores.get(l) ?? 0) + (noise.roll(`temp:${l}`) - 0.5) * temperature);

  const ranked = [...scores.entries()].sort((a, b) => b[1] - a[1]);
  const [first, second] = ranked;
  if (!first || first[1] <= 0) {
    const guess =
      labels[Math.floor(noise.rollFor('guess', allInput) * labels.length)] ?? labels[0] ?? '';
    return { label: guess, why: 'nothing pointed to a label, so this is a guess' };
  }
  if (
    second &&
    second[1] > 0 &&
    first[1] - second[1] < CONFUSION_MARGIN &&
    noise.roll('confuse') < CONFUSION_RATE
  )
    return { label: second[0], why: why.get(second[0]) ?? 'it seemed closest' };
  return { label: first[0], why: why.get(first[0]) ?? 'it seemed closest' };
}

/** The label from `labels` equal to `value` ignoring case, if any. */
export function canonical(
  labels: readonly string[],
  value: string | undefined,
): string | undefined {
  if (value === undefined) return undefined;
  const v = value.trim().toLowerCase();
  return labels.find((l) => l.toLowerCase() === v);
}

function fieldText(inputs: Record<string, string>, field: string | null): string | undefined {
  if (field === null) return undefined;
  const key = Object.keys(inputs).find((k) => k.toLowerCase() === field.toLowerCase());
  return key === undefined ? undefined : inputs[key];
}

/** Tokens that occur in demos with different labels. */
function mixed(
  demos: readonly { label: string | undefined; tokens: ReadonlySet<string> }[],
): Set<string> {
  const seenWith = new Map<string, string>();
  const out = new Set<string>();
  for (const d of demos)
    for (const t of d.tokens) {
      const before = seenWith.get(t);
      if (before === undefined) seenWith.set(t, d.label ?? '');
      else if (before !== d.label) out.add(t);
    }
  return out;
}
