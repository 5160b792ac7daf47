/**
 * # The default stand-in: a rule + nearest-demo reader
 *
 * A deterministic, seeded, fast simulated model (thousands of calls per second in Node) so COPA
 * can be shown and tested without a GPU. Its results must be labeled as stand-in results. It
 * knows no task: the only prior it has is the label names themselves.
 *
 * ## What it learns from — only its prompt
 * 1. **Rules stated in the instruction**, in a small set of recognized forms (anything else in the
 *    instruction is ignored, as a small model misses instructions it does not "get"):
 *    - `If the <field> mentions "X" (or "Y"), answer <label>.` — a vote of 2.5 for the label;
 *      followed with probability 0.8 (0.96 with two or more demos), 0.015 less per rule beyond 8.
 *    - `Write dates as YYYY-MM-DD.` (also DD/MM/YYYY, MM/DD/YYYY, DD.MM.YYYY, Month D, YYYY)
 *    - `Numeric dates are day-first.` / `month-first.`  — how to read 04/03/2021
 *    - `Two-digit years are in the 1900s.` / `2000s.`
 *    - `Answer with the <field> only.` — halves the format-slip rate.
 * 2. **Demos** (token-overlap k-NN): the labels of the 3 most similar demos vote (1.5 × similarity),
 *    similarity being the cosine overlap of content words that, among the demos, go with a single
 *    label, ignoring neighbours below 0.2. A text output is copied from a near-identical demo
 *    (overlap ≥ 0.6); the output date format is the demos' majority format; a number output reuses
 *    the single operation of the most similar demo. Every demo cuts the format-slip rate (×0.55
 *    each, up to 6). Demos do NOT teach conventions such as day-first dates: those need a rule.
 * 3. **The label names**: an input that says the words of a label's name (`late_delivery` →
 *    "late", "delivery") gives that label 0.5 × the share of its words said. General skills of a
 *    small LM: dates read in common forms and echoed as written, numbers added up. With no
 *    evidence at all, a guess that depends on the input only.
 *
 * ## Realistic mistakes
 * Format slips (answer-writer.ts); close label decisions (margin < 0.4) are confused with the
 * runner-up 30% of the time; a feedback turn naming a date format is obeyed half of the time;
 * two-step word problems always fail.
 *
 * ## As the instruction proposer
 * It writes `If the <field> mentions "X", answer <label>.` rules from the words seen with one
 * expected label only in the demos and failures it is shown (proposer.ts): 3–5 new rules after a
 * "short" tip, 7–12 after a "detailed" one, 5–9 otherwise, up to 6 keywords per label; the date
 * conventions the expected values show; it keeps the current rules no example contradicts.
 */
import type { Behaviour } from './behaviour';
import { ruleReliability } from './instruction-rules';
import { chooseLabel } from './label-choice';
import { STANDIN_MODEL_ID } from './model-ids';
import { proposeInstruction, type ProposerStyle } from './proposer';
import { SimulatedModel } from './simulated-model';

export { STANDIN_MODEL_ID } from './model-ids';

export const STANDIN_PROPOSER: ProposerStyle = {
  ruleCounts: [
    [3, 5],
    [5, 9],
    [7, 12],
  ],
  maxKeywordsPerLabel: 6,
  form: 'keyword-rules',
  looseRate: 0,
};

export const STANDIN_BEHAVIOUR: Behaviour = {
  chooseLabel: (field, prompt, rules, noise, temperature) =>
    chooseLabel(
      field,
      prompt,
      rules,
      noise,
      temperature,
      ruleReliability(prompt.demos.length, rules.keywordRules.length),
    ),
  ruleReliability: (prompt, rules) =>
    ruleReliability(prompt.demos.length, rules.keywordRules.length),
  propose: (inputs, noise) => proposeInstruction(inputs, noise, STANDIN_PROPOSER),
};

export interface StandInOptions {
  seed: number;
  id?: string;
}

/** The default stand-in (see the file comment). */
export class StandInModel extends SimulatedModel {
  constructor(options: StandInOptions) {
    super(options.id ?? STANDIN_MODEL_ID, options.seed, STANDIN_BEHAVIOUR);
  }
}
