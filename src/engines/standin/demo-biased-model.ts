/**
 * # A demo-biased reader ("Calibrate Before Use", Zhao et al. 2021)
 *
 * Zhao et al. found that small LMs prompted with few-shot examples lean towards the label that
 * is most frequent among the demos (majority-label bias) and towards the labels of the last
 * demos shown (recency bias), and that they copy the answers of demos close to the query. This
 * model does that, and follows few of the rules an instruction states. It knows no task: its
 * only prior is the label names.
 *
 * ## How it picks a label (all parameters fixed here)
 * - **Contextual bias**: every label gets `BIAS_WEIGHT` (1.0) × its share of the demos, each demo
 *   weighted `RECENCY_DECAY` (0.8) to the power of how many demos follow it — the last demo
 *   counts 1, the one before 0.8, then 0.64... So a skewed or badly ordered demo set shifts the
 *   answers, whatever the query.
 * - **Copying**: when the most similar demo's overlap (content words that, among the demos, go
 *   with one label) is at least `COPY_SIMILARITY` (0.4), its label is copied outright with
 *   probability `COPY_RATE` (0.5); otherwise the 2 nearest demos (overlap ≥ 0.2) vote 1.2 × overlap.
 * - **Label names**: 0.4 × the share of a label's name words the input says.
 * - **Stated rules** (`If the <field> mentions "X", answer <label>.`, date conventions) are
 *   followed with probability `RULE_RELIABILITY` (0.35) only, whatever the demos; a followed
 *   keyword rule votes 2.5.
 * - Zero-shot with no evidence: the first listed label half of the time (a position bias), else
 *   a guess that depends on the input only.
 *
 * ## As the instruction proposer
 * It writes weak rules: 1–2 new rules after a "short" tip, 2–4 after a "detailed" one, 2–3
 * otherwise, at most 2 keywords per label, and half of its label rules in a loose phrasing
 * ("Texts that talk about X are often L.") that no simulated reader follows.
 */
import type { Behaviour, LabelChoice } from './behaviour';
import type { InstructionRules } from './instruction-rules';
import {
  addNamePrior,
  addRuleVotes,
  blindGuess,
  labelContext,
  neighbours,
  Tally,
} from './label-evidence';
import { DEMO_BIASED_MODEL_ID } from './model-ids';
import type { Noise } from './noise';
import { proposeInstruction, type ProposerStyle } from './proposer';
import type { ReadField, ReadPrompt } from './prompt-reader';
import { SimulatedModel } from './simulated-model';

const BIAS_WEIGHT = 1.0;
const RECENCY_DECAY = 0.8;
const COPY_SIMILARITY = 0.4;
const COPY_RATE = 0.5;
const NEIGHBOUR_WEIGHT = 1.2;
const NEIGHBOURS = 2;
const MIN_SIMILARITY = 0.2;
const NAME_WEIGHT = 0.4;
const RULE_RELIABILITY = 0.35;
const RULE_WEIGHT = 2.5;
const FIRST_LABEL_RATE = 0.5;

export const DEMO_BIASED_PROPOSER: ProposerStyle = {
  ruleCounts: [
    [1, 2],
    [2, 3],
    [2, 4],
  ],
  maxKeywordsPerLabel: 2,
  form: 'keyword-rules',
  looseRate: 0.5,
};

function chooseLabel(
  field: ReadField,
  prompt: ReadPrompt,
  rules: InstructionRules,
  noise: Noise,
  temperature: number,
): LabelChoice {
  const ctx = labelContext(field, prompt);
  const tally = new Tally(ctx.labels);
  const near = neighbours(ctx, MIN_SIMILARITY, NEIGHBOURS);
  const nearest = near[0];
  if (nearest && nearest.sim >= COPY_SIMILARITY && noise.roll('copy') < COPY_RATE)
    return { label: nearest.label, why: 'a very similar example had it' };

  const n = ctx.demos.length;
  let total = 0;
  for (const d of ctx.demos) total += RECENCY_DECAY ** (n - 1 - d.position);
  for (const d of ctx.demos)
    tally.add(
      d.label,
      (BIAS_WEIGHT * RECENCY_DECAY ** (n - 1 - d.position)) / total,
      'the examples mostly had it',
    );
  for (const nb of near) tally.add(nb.label, NEIGHBOUR_WEIGHT * nb.sim, 'a similar example had it');
  addNamePrior(tally, ctx, NAME_WEIGHT);
  addRuleVotes(tally, ctx, prompt, rules, noise, RULE_RELIABILITY, RULE_WEIGHT);
  tally.jitter(noise, temperature);

  const [first] = tally.ranked();
  if (first && first[1] > 0) return tally.choice(first[0]);
  if (noise.rollFor('first-label', ctx.input) < FIRST_LABEL_RATE && ctx.labels[0] !== undefined)
    return { label: ctx.labels[0], why: 'it is the first option' };
  return blindGuess(ctx, noise);
}

export const DEMO_BIASED_BEHAVIOUR: Behaviour = {
  chooseLabel,
  ruleReliability: () => RULE_RELIABILITY,
  propose: (inputs, noise) => proposeInstruction(inputs, noise, DEMO_BIASED_PROPOSER),
};

export function createDemoBiasedModel(seed: number): SimulatedModel {
  return new SimulatedModel(DEMO_BIASED_MODEL_ID, seed, DEMO_BIASED_BEHAVIOUR);
}
