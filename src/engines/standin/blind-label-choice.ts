/**
 * How the blind reader picks a label: it adds up evidence for every allowed label (nearest
 * demos' votes, the label's name in the input, the list order, rules stated in the
 * instruction), adds seeded Gumbel noise and answers the largest sum. Only what the prompt
 * shows is used: no label, word list or prior comes from any task.
 */
import type { BlindNoise } from './blind-noise';
import { gumbel } from './blind-noise';
import type { Neighbour } from './blind-neighbours';
import {
  DEMO_VOTE_NATS,
  KNN_K,
  LABEL_COUNT_DILUTION,
  LABEL_NAME_NATS,
  POSITION_BONUS_NATS,
  QUIRK_NOISE_SCALE,
  RULE_NATS,
  SAMPLING_NOISE_PER_TEMPERATURE,
} from './blind-params';
import type { BlindField, BlindPrompt } from './blind-prompt';
import { statedRules } from './blind-rules';
import { labelNameWords } from './blind-words';

/** What weighed most for the chosen label (the reasoning sentence says it). */
export type Basis = 'demos' | 'rule' | 'name' | 'guess';

export interface LabelChoice {
  label: string;
  basis: Basis;
}

export interface LabelScene {
  prompt: BlindPrompt;
  /** The stemmed content words of the final input, as a set. */
  inputWords: ReadonlySet<string>;
  neighbours: readonly Neighbour[];
  noise: BlindNoise;
  temperature: number;
}

/**
 * The factor on rules and priors for a list of n labels, 1 / (1 + 0.1 ln(n / 2)): the longer
 * the list, the weaker each label's hold against the noise (see LABEL_COUNT_DILUTION).
 */
export function labelCountDilution(n: number): number {
  return 1 / (1 + LABEL_COUNT_DILUTION * Math.log(Math.max(2, n) / 2));
}

export function chooseLabel(field: BlindField, scene: LabelScene): LabelChoice {
  const labels = field.labels;
  const dilution = labelCountDilution(labels.length);
  const fromDemos = new Array<number>(labels.length).fill(0);
  const fromRules = new Array<number>(labels.length).fill(0);
  const fromNames = new Array<number>(labels.length).fill(0);
  const indexOf = new Map(labels.map((l, i) => [l.toLowerCase(), i]));

  // 1. The k nearest demos vote for their label, by similarity and recency.
  for (const n of scene.neighbours.slice(0, KNN_K)) {
    const said = scene.prompt.demos[n.index]?.outputs[field.name];
    const at = said === undefined ? undefined : indexOf.get(said.trim().toLowerCase());
    if (at !== undefined)
      fromDemos[at] = (fromDemos[at] ?? 0) + DEMO_VOTE_NATS * n.similarity * n.recency;
  }

  // 2. The label's own name in the input, and a small bonus for the first listed labels.
  labels.forEach((label, i) => {
    const words = labelNameWords(label);
    const found = words.filter((w) => scene.inputWords.has(w)).length;
    if (words.length > 0) fromNames[i] = (LABEL_NAME_NATS * dilution * found) / words.length;
    fromNames[i] = (fromNames[i] ?? 0) + (POSITION_BONUS_NATS[i] ?? 0) * dilution;
  });

  // 3. Rules the instruction states: a cue word in the input counts for its label.
  const fieldNames = [...scene.prompt.inputs, ...scene.prompt.outputs].map((f) => f.name);
  for (const rule of statedRules(scene.prompt.instruction, labels, fieldNames)) {
    const at = indexOf.get(rule.label.toLowerCase());
    if (at === undefined) continue;
    const hit = rule.cues.reduce((s, c) => s + (scene.inputWords.has(c.word) ? c.strength : 0), 0);
    fromRules[at] = (fromRules[at] ?? 0) + RULE_NATS * dilution * Math.min(1, hit);
  }

  // 4. Noise: the prompt's own quirk, plus sampling noise of scale T when sampling.
  const quirk = scene.noise.quirk(`label\u0000${field.name}`);
  const sample = scene.noise.sample(`label\u0000${field.name}`);
  const samplingScale = SAMPLING_NOISE_PER_TEMPERATURE * Math.max(0, scene.temperature);
  let best = 0;
  let bestScore = -Infinity;
  labels.forEach((_, i) => {
    const evidence = (fromDemos[i] ?? 0) + (fromRules[i] ?? 0) + (fromNames[i] ?? 0);
    // Both streams are drawn for every label so each label's noise stays the same whatever T.
    const g1 = gumbel(quirk.next());
    const g2 = gumbel(sample.next());
    const score = evidence + QUIRK_NOISE_SCALE * g1 + samplingScale * g2;
    if (score > bestScore) {
      bestScore = score;
      best = i;
    }
  });
  return { label: labels[best] ?? '', basis: basisOf(best, fromDemos, fromRules, fromNames) };
}

/**
 * The strongest kind of evidence behind the chosen label; "guess" when none reached 1 nat
 * (twice the quirk noise's scale: below it the choice is mostly noise, and the reasoning
 * sentence should not claim a ground it does not have). It changes wording only, never a choice.
 */
function basisOf(i: number, demos: number[], rules: number[], names: number[]): Basis {
  const parts: [Basis, number][] = [
    ['demos', demos[i] ?? 0],
    ['rule', rules[i] ?? 0],
    ['name', names[i] ?? 0],
  ];
  parts.sort((a, b) => b[1] - a[1]);
  const [basis, strength] = parts[0] ?? ['guess', 0];
  return strength >= 1 ? basis : 'guess';
}
