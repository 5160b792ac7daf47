import type { LabelChoice } from './behaviour';
import type { InstructionRules } from './instruction-rules';
import { labelWords, nameHit } from './label-names';
import type { Noise } from './noise';
import type { ReadField, ReadPrompt } from './prompt-reader';
import { discriminativeOverlap, mentions, tokenSet } from './text-features';

/**
 * The evidence for a label that every simulated model can find in its prompt, and a tally to
 * add it up. The models differ in how much weight each kind gets (see each model's file).
 */

/** One demo, as the label choosers see it: its label (if allowed) and its content words. */
export interface DemoView {
  label: string | undefined;
  tokens: ReadonlySet<string>;
  /** Its place in the prompt, 0 = first shown. */
  position: number;
}

/** A demo ranked by its similarity to the query. */
export interface Neighbour {
  label: string;
  sim: number;
  position: number;
}

/** What the query and the demos look like, computed once per call. */
export interface LabelContext {
  labels: readonly string[];
  /** Allowed labels by their lower-cased name. */
  byLower: ReadonlyMap<string, string>;
  input: string;
  query: ReadonlySet<string>;
  demos: DemoView[];
}

export function labelContext(field: ReadField, prompt: ReadPrompt): LabelContext {
  const input = Object.values(prompt.inputs).join('\n');
  const byLower = new Map<string, string>();
  for (const l of field.labels) if (!byLower.has(l.toLowerCase())) byLower.set(l.toLowerCase(), l);
  return {
    labels: field.labels,
    byLower,
    input,
    query: tokenSet(input),
    demos: prompt.demos.map((d, position) => ({
      label: byLower.get((d.outputs[field.name] ?? '').trim().toLowerCase()),
      tokens: tokenSet(Object.values(d.inputs).join('\n')),
      position,
    })),
  };
}

/** Label scores with the first reason each label got (for a reasoning field). */
export class Tally {
  readonly scores = new Map<string, number>();
  private readonly why = new Map<string, string>();

  constructor(readonly labels: readonly string[]) {
    for (const l of labels) this.scores.set(l, 0);
  }

  add(label: string | undefined, amount: number, reason: string): void {
    if (label === undefined || amount === 0) return;
    this.scores.set(label, (this.scores.get(label) ?? 0) + amount);
    if (!this.why.has(label)) this.why.set(label, reason);
  }

  /** Sampling noise: at temperature t every score moves by up to ±t/2. */
  jitter(noise: Noise, temperature: number): void {
    if (temperature <= 0) return;
    for (const l of this.labels)
      this.scores.set(l, (this.scores.get(l) ?? 0) + (noise.roll(`temp:${l}`) - 0.5) * temperature);
  }

  /** Labels by score, best first (ties keep the listed order). */
  ranked(): [string, number][] {
    return [...this.scores.entries()].sort((a, b) => b[1] - a[1]);
  }

  choice(label: string, fallback = 'it seemed closest'): LabelChoice {
    return { label, why: this.why.get(label) ?? fallback };
  }
}

/** The label-name prior: how much of each label's name the input says. */
export function addNamePrior(tally: Tally, ctx: LabelContext, weight: number): void {
  for (const label of ctx.labels) {
    const hit = nameHit(cachedLabelWords(label), ctx.query);
    if (hit > 0) tally.add(label, weight * hit, `it mentions "${label}"`);
  }
}

/**
 * Demos ranked by similarity of content words, counting only words that (among the demos) go
 * with one label; below `minSim` a shared word is chance, not a neighbour.
 */
export function neighbours(ctx: LabelContext, minSim: number, k: number): Neighbour[] {
  const uninformative = mixedTokens(ctx.demos);
  const out: Neighbour[] = [];
  for (const d of ctx.demos) {
    if (d.label === undefined) continue;
    const sim = discriminativeOverlap(ctx.query, d.tokens, uninformative);
    if (sim >= minSim) out.push({ label: d.label, sim, position: d.position });
  }
  return out.sort((a, b) => b.sim - a.sim || b.position - a.position).slice(0, k);
}

/** Adds a vote for every keyword rule that fires and that the model follows this time. */
export function addRuleVotes(
  tally: Tally,
  ctx: LabelContext,
  prompt: ReadPrompt,
  rules: InstructionRules,
  noise: Noise,
  reliability: number,
  weight: number,
): void {
  rules.keywordRules.forEach((rule, i) => {
    const label = ctx.byLower.get(rule.answer.trim().toLowerCase());
    if (label === undefined) return;
    const text = fieldText(prompt.inputs, rule.field) ?? ctx.input;
    const hit = rule.keywords.find((k) => mentions(text, k));
    if (hit !== undefined && noise.roll(`rule:${i}`) < reliability)
      tally.add(label, weight, `the instruction says "${hit}" means ${label}`);
  });
}

/** A guess that depends on the input only, for when nothing points to a label. */
export function blindGuess(ctx: LabelContext, noise: Noise): LabelChoice {
  const labels = ctx.labels;
  const label = labels[Math.floor(noise.rollFor('guess', ctx.input) * labels.length)] ?? '';
  return { label, why: 'nothing pointed to a label, so this is a guess' };
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

const wordsCache = new Map<string, string[]>();

/** `labelWords`, remembered: the same label names come back on every call of a run. */
export function cachedLabelWords(label: string): string[] {
  let words = wordsCache.get(label);
  if (words === undefined) {
    if (wordsCache.size > 10_000) wordsCache.clear();
    words = labelWords(label);
    wordsCache.set(label, words);
  }
  return words;
}

function fieldText(inputs: Record<string, string>, field: string | null): string | undefined {
  if (field === null) return undefined;
  const key = Object.keys(inputs).find((k) => k.toLowerCase() === field.toLowerCase());
  return key === undefined ? undefined : inputs[key];
}

/** Tokens that occur in demos with different labels. */
function mixedTokens(demos: readonly DemoView[]): Set<string> {
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
