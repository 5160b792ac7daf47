/**
 * # An instruction follower that loses track in long prompts and among many labels
 *
 * Small instruction-tuned LMs lean on what the instruction says — the allowed-label list, label
 * definitions, explicit rules — more than on few-shot demos; their accuracy falls as the prompt
 * grows ("lost in the middle", Liu et al. 2023) and as the label set grows, and they mix up labels
 * whose names look alike. This model does that. It knows no task: its only prior is the names.
 *
 * ## How it picks a label (all parameters fixed here)
 * - **Label names**: `NAME_WEIGHT` (1.0) × the share of a label's name words the input says.
 * - **Definitions** stated in the instruction (label-definitions.ts: `<label>: words`,
 *   `<label> means words.`, `Answer <label> for texts about words.`): `DEFINITION_WEIGHT` (1.5) ×
 *   min(1, shared content words / 2).
 * - **Keyword rules** (`If the <field> mentions "X", answer <label>.`): a vote of 2.5 when followed;
 *   followed with probability 0.95 − 0.1 per 1,000 prompt tokens (at least 0.5), demos or not.
 *   Date conventions are followed with the same probability.
 * - **Demos** count little: only the nearest demo (overlap ≥ 0.25) votes, 0.6 × overlap.
 * - **Lapses**: with probability min(0.6, 0.03 + 0.03 × log2(labels / 2) + 0.05 per 1,000 prompt
 *   tokens) the decision slips: to the label whose name is most like the chosen one's (shared
 *   words or edit distance, similarity ≥ 0.35), else to the runner-up when it had any evidence.
 *   E.g. 6 labels and a 500-token prompt: 10%; 150 labels and 3,000 tokens: 37%.
 * - With no evidence: a guess that depends on the input only.
 *
 * ## As the instruction proposer
 * It writes label definitions it can use (`Answer <label> for texts about X, Y or Z.`) from
 * the words seen with one expected label only in the demos and failures it is shown: 3–5 new
 * after a "short" tip, 8–14 after a "detailed" one, 6–10 otherwise, up to 4 words per label,
 * keeping the current definitions no example contradicts.
 */
import type { Behaviour, LabelChoice } from './behaviour';
import type { InstructionRules } from './instruction-rules';
import { readDefinitions } from './label-definitions';
import {
  addNamePrior,
  addRuleVotes,
  blindGuess,
  labelContext,
  neighbours,
  Tally,
} from './label-evidence';
import { nameSimilarity } from './label-names';
import { INSTRUCTION_FOLLOWER_MODEL_ID } from './model-ids';
import type { Noise } from './noise';
import { proposeInstruction, type ProposerStyle } from './proposer';
import type { ReadField, ReadPrompt } from './prompt-reader';
import { SimulatedModel } from './simulated-model';

const NAME_WEIGHT = 1.0;
const DEFINITION_WEIGHT = 1.5;
const RULE_WEIGHT = 2.5;
const NEIGHBOUR_WEIGHT = 0.6;
const MIN_SIMILARITY = 0.25;
const LAPSE_BASE = 0.03;
const LAPSE_PER_LABEL_DOUBLING = 0.03;
const LAPSE_PER_1K_TOKENS = 0.05;
const MAX_LAPSE = 0.6;
const SIMILAR_NAME = 0.35;

export const INSTRUCTION_FOLLOWER_PROPOSER: ProposerStyle = {
  ruleCounts: [
    [3, 5],
    [6, 10],
    [8, 14],
  ],
  maxKeywordsPerLabel: 4,
  form: 'definitions',
  looseRate: 0,
};

/** Prompt tokens as the app estimates them (4 characters a token). */
function promptTokens(prompt: ReadPrompt): number {
  return prompt.promptChars / 4;
}

function ruleReliability(prompt: ReadPrompt): number {
  return Math.max(0.5, 0.95 - (0.1 * promptTokens(prompt)) / 1000);
}

/** The probability that a decision slips, from the number of labels and the prompt's length. */
export function lapseRate(labelCount: number, tokens: number): number {
  const doublings = Math.log2(Math.max(1, labelCount / 2));
  return Math.min(
    MAX_LAPSE,
    LAPSE_BASE + LAPSE_PER_LABEL_DOUBLING * doublings + (LAPSE_PER_1K_TOKENS * tokens) / 1000,
  );
}

function chooseLabel(
  field: ReadField,
  prompt: ReadPrompt,
  rules: InstructionRules,
  noise: Noise,
  temperature: number,
): LabelChoice {
  const ctx = labelContext(field, prompt);
  const tally = new Tally(ctx.labels);
  addNamePrior(tally, ctx, NAME_WEIGHT);
  for (const [label, words] of readDefinitions(prompt.instruction, ctx.labels)) {
    let shared = 0;
    for (const w of words) if (ctx.query.has(w)) shared++;
    if (shared > 0)
      tally.add(
        label,
        DEFINITION_WEIGHT * Math.min(1, shared / 2),
        'the instruction defines it so',
      );
  }
  addRuleVotes(tally, ctx, prompt, rules, noise, ruleReliability(prompt), RULE_WEIGHT);
  for (const n of neighbours(ctx, MIN_SIMILARITY, 1))
    tally.add(n.label, NEIGHBOUR_WEIGHT * n.sim, 'a similar example had it');
  tally.jitter(noise, temperature);

  const [first, second] = tally.ranked();
  if (!first || first[1] <= 0) return blindGuess(ctx, noise);
  if (noise.roll('lapse') >= lapseRate(ctx.labels.length, promptTokens(prompt)))
    return tally.choice(first[0]);
  const lookalike = mostAlike(first[0], ctx.labels);
  if (lookalike) return { label: lookalike, why: `it looked like ${first[0]}` };
  if (second && second[1] > 0) return tally.choice(second[0]);
  return tally.choice(first[0]);
}

/** The other label whose name looks most like `label`'s, if any looks alike enough. */
function mostAlike(label: string, labels: readonly string[]): string | null {
  let best: string | null = null;
  let bestSim = SIMILAR_NAME;
  for (const other of labels) {
    if (other === label) continue;
    const sim = nameSimilarity(label, other);
    if (sim >= bestSim) {
      best = other;
      bestSim = sim;
    }
  }
  return best;
}

export const INSTRUCTION_FOLLOWER_BEHAVIOUR: Behaviour = {
  chooseLabel,
  ruleReliability,
  propose: (inputs, noise) => proposeInstruction(inputs, noise, INSTRUCTION_FOLLOWER_PROPOSER),
};

export function createInstructionFollowerModel(seed: number): SimulatedModel {
  return new SimulatedModel(INSTRUCTION_FOLLOWER_MODEL_ID, seed, INSTRUCTION_FOLLOWER_BEHAVIOUR);
}
