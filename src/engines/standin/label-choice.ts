import type { LabelChoice } from './behaviour';
import type { InstructionRules } from './instruction-rules';
import {
  addNamePrior,
  addRuleVotes,
  blindGuess,
  labelContext,
  neighbours,
  Tally,
} from './label-evidence';
import type { Noise } from './noise';
import type { ReadField, ReadPrompt } from './prompt-reader';

const NAME_WEIGHT = 0.5;
const NEIGHBOUR_WEIGHT = 1.5;
const NEIGHBOURS = 3;
/** One shared word between two long texts is a coincidence, not a neighbour. */
const MIN_SIMILARITY = 0.2;
const RULE_WEIGHT = 2.5;
const CONFUSION_MARGIN = 0.4;
const CONFUSION_RATE = 0.3;

/**
 * The default stand-in's label choice: it adds up the label-name prior (the input says words of
 * a label's name), the labels of the 3 most similar demos (token-overlap k-NN) and keyword rules
 * stated in the instruction. Close calls are sometimes (30%) confused with the runner-up.
 */
export function chooseLabel(
  field: ReadField,
  prompt: ReadPrompt,
  rules: InstructionRules,
  noise: Noise,
  temperature: number,
  reliability: number,
): LabelChoice {
  const ctx = labelContext(field, prompt);
  const tally = new Tally(ctx.labels);
  addNamePrior(tally, ctx, NAME_WEIGHT);
  for (const n of neighbours(ctx, MIN_SIMILARITY, NEIGHBOURS))
    tally.add(n.label, NEIGHBOUR_WEIGHT * n.sim, 'a similar example had it');
  addRuleVotes(tally, ctx, prompt, rules, noise, reliability, RULE_WEIGHT);
  tally.jitter(noise, temperature);

  const [first, second] = tally.ranked();
  if (!first || first[1] <= 0) return blindGuess(ctx, noise);
  if (
    second &&
    second[1] > 0 &&
    first[1] - second[1] < CONFUSION_MARGIN &&
    noise.roll('confuse') < CONFUSION_RATE
  )
    return tally.choice(second[0]);
  return tally.choice(first[0]);
}
