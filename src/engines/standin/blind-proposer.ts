/**
 * The blind reader answering an instruction-proposal request (proposer-format.ts): it keeps the
 * current instruction's first sentence and adds keyword rules it can see in the labeled
 * examples the request shows: for each label, the words that most set its examples apart.
 * Scores of earlier instructions and the tip are not read (a small model writing from examples).
 */
import { PROPOSER_SIGNATURE, readExampleBlocks } from '../../core/optimizers/proposer-format';
import type { ExampleBlock } from '../../core/optimizers/proposer-format';
import type { Rng } from '../../core/rng';
import { discriminativeWords } from './blind-log-odds';
import type { BlindNoise } from './blind-noise';
import {
  MAX_PROPOSED_RULES,
  REPHRASE_ONLY_RATE,
  SECOND_WORD_RATE,
  WORDS_PER_PROPOSED_RULE,
} from './blind-params';
import type { BlindPrompt } from './blind-prompt';

/** The proposal's output field, as the proposer's signature names it. */
export const PROPOSAL_FIELD = PROPOSER_SIGNATURE.outputs[0]?.name ?? 'proposed_instruction';

/** True when the prompt asks for an instruction proposal (a reasoning field may come first). */
export function isProposalPrompt(prompt: BlindPrompt): boolean {
  const names = prompt.outputs.map((f) => f.name).filter((n) => n !== 'reasoning');
  return names.length === 1 && names[0] === PROPOSAL_FIELD;
}

interface Shown {
  inputs: Record<string, string>;
  expected: Record<string, string>;
  failed: boolean;
}

export function propose(prompt: BlindPrompt, noise: BlindNoise): string {
  const q = prompt.query;
  const base =
    firstSentence(q['current_instruction'] ?? '') || 'Produce the outputs from the inputs.';
  const shown = shownExamples(q['demos'], q['training_examples'], q['failures']);
  const inputName = mainInput(shown);
  const rng = noise.sample('proposal');
  const target = targetField(shown);
  if (target === undefined) return rephrase(base, inputName, rng);
  if (!target.labelLike)
    return `${base} ${outputSentence(target.name, q['predictor_description'] ?? '')}`;
  if (rng.next() < REPHRASE_ONLY_RATE) return rephrase(base, inputName, rng);
  const rules = ruleSentences(shown, target.name, inputName, rng);
  if (rules.length === 0) return rephrase(base, inputName, rng);
  return [base, ...rules, 'Answer with the label only.'].join(' ');
}

/** The first sentence of a text (up to the first ".", "!" or "?" followed by a space or end). */
function firstSentence(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const m = /^.*?[.!?](?=\s|$)/.exec(flat);
  return (m ? m[0] : flat).trim();
}

/** A plain rewording of the base sentence, chosen by the sample noise. */
function rephrase(base: string, inputName: string, rng: Rng): string {
  const input = `the ${inputName.replace(/_/g, ' ')}`;
  const forms = [
    `Read ${input} carefully. ${base}`,
    `${base} Think about what ${input} is mainly about.`,
    `${base} Look at the key words in ${input} before answering.`,
  ];
  return rng.pick(forms);
}

/** The examples of the request, failures marked; one shown twice counts once. */
function shownExamples(...texts: (string | undefined)[]): Shown[] {
  const byKey = new Map<string, Shown>();
  texts.forEach((text, k) => {
    const failed = k === 2;
    for (const b of readExampleBlocks(text ?? '')) {
      const s = toShown(b, failed);
      const key = JSON.stringify([s.inputs, s.expected]);
      const seen = byKey.get(key);
      if (seen) seen.failed ||= failed;
      else byKey.set(key, s);
    }
  });
  return [...byKey.values()];
}

function toShown(b: ExampleBlock, failed: boolean): Shown {
  const str = (r: Record<string, unknown>): Record<string, string> =>
    Object.fromEntries(
      Object.entries(r).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]),
    );
  return { inputs: str(b.inputs), expected: str(b.expected), failed };
}

/** The input field with the most text over the examples (the one rules talk about). */
function mainInput(shown: readonly Shown[]): string {
  const size = new Map<string, number>();
  for (const s of shown)
    for (const [k, v] of Object.entries(s.inputs)) size.set(k, (size.get(k) ?? 0) + v.length);
  let best = 'input';
  let most = -1;
  for (const [k, n] of size)
    if (n > most) {
      best = k;
      most = n;
    }
  return best;
}

/**
 * The output the examples show (reasoning aside), and whether it looks like a label: short
 * non-numeric values (at most 4 words) with at least one value repeated, so they come from a
 * closed set. Undefined when no example shows an output.
 */
function targetField(shown: readonly Shown[]): { name: string; labelLike: boolean } | undefined {
  const names: string[] = [];
  for (const s of shown)
    for (const k of Object.keys(s.expected))
      if (k !== 'reasoning' && !names.includes(k)) names.push(k);
  if (names.length === 0) return undefined;
  for (const name of names) {
    const values = shown.map((s) => s.expected[name]).filter((v): v is string => v !== undefined);
    const short = values.every(
      (v) => v.trim() !== '' && !/^[-+]?[\d.,\s]+$/.test(v) && v.trim().split(/\s+/).length <= 4,
    );
    if (short && new Set(values).size < values.length) return { name, labelLike: true };
  }
  return { name: names[0] ?? '', labelLike: false };
}

/**
 * One rule per label, labels with the most failures first, then the most shown, at most
 * MAX_PROPOSED_RULES; a label whose examples share no telling word gets none.
 */
function ruleSentences(
  shown: readonly Shown[],
  target: string,
  inputName: string,
  rng: Rng,
): string[] {
  const labeled = shown
    .filter((s) => s.expected[target] !== undefined)
    .map((s) => ({
      label: (s.expected[target] ?? '').trim(),
      text: Object.values(s.inputs).join('\n'),
      failed: s.failed,
    }));
  const words = discriminativeWords(labeled);
  const order = [...new Set(labeled.map((l) => l.label))];
  const count = (label: string, failedOnly: boolean): number =>
    labeled.filter((l) => l.label === label && (!failedOnly || l.failed)).length;
  order.sort((a, b) => count(b, true) - count(a, true) || count(b, false) - count(a, false));
  const field = inputName.replace(/_/g, ' ');
  const rules: string[] = [];
  for (const label of order) {
    if (rules.length >= MAX_PROPOSED_RULES) break;
    const best = words.get(label) ?? [];
    if (best.length === 0) continue;
    // Sometimes the second-best word leads: a sampled writer does not always pick the top one.
    const from = best.length > 1 && rng.next() < SECOND_WORD_RATE ? 1 : 0;
    const picked = best.slice(from, from + WORDS_PER_PROPOSED_RULE).map((w) => `"${w}"`);
    rules.push(`Answer ${label} when the ${field} mentions ${picked.join(' or ')}.`);
  }
  return rules;
}

/**
 * For a non-label output: one sentence about the output, using its description when the
 * request's predictor description gives one ("`name` ...: description"), else a generic one.
 */
function outputSentence(name: string, predictorDescription: string): string {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const m = new RegExp(`\\b${escaped}\\b[^:\\n]*:\\s*([^\\n]+)`).exec(predictorDescription);
  const description = m?.[1]?.trim().replace(/[.\s]+$/, '');
  const field = name.replace(/_/g, ' ');
  if (description)
    return `Make sure the ${field} is ${description.charAt(0).toLowerCase()}${description.slice(1)}.`;
  return `Write the ${field} in the same form as the examples show.`;
}
