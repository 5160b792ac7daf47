/**
 * # The stand-in model
 *
 * A deterministic, seeded, fast `LanguageModel` (thousands of calls per second in Node) so COPA
 * can be shown and tested without a GPU. Its results must be labeled as stand-in results.
 *
 * ## What it learns from — only its prompt
 * It reads the request as the chat adapter (or the JSON adapter) writes it — the system message's
 * field list and instruction, the demo turns, the final inputs, and a constraint-feedback turn if
 * there is one — and answers from that alone. It never sees gold answers: a value that is not in
 * the prompt cannot reach its output.
 *
 * 1. **Rules stated in the instruction**, in a small set of recognized forms (anything else in the
 *    instruction is ignored, as a small model misses instructions it does not "get"):
 *    - `If the <field> mentions "X" (or "Y"), answer <label>.` — a strong vote for the label;
 *      followed with probability 0.8 (0.96 with demos), a little less beyond 8 such rules.
 *    - `Write dates as YYYY-MM-DD.` (also DD/MM/YYYY, MM/DD/YYYY, DD.MM.YYYY, Month D, YYYY)
 *    - `Numeric dates are day-first.` / `month-first.`  — how to read 04/03/2021
 *    - `Two-digit years are in the 1900s.` / `2000s.`
 *    - `Answer with the <field> only.` — halves the format-slip rate.
 * 2. **Demos** (token-overlap k-NN): the labels of the 3 most similar demos vote, weighted by
 *    the cosine overlap of content words — counting only words that, among the demos, go with a
 *    single label, and ignoring neighbours below 0.2 (a lone shared word in long texts is chance).
 *    A text output is copied from a near-identical demo; the output date format is the demos'
 *    majority format; a number output reuses the single operation of the most similar demo.
 *    Every demo also cuts the format-slip rate (×0.55 each, up to 6), and with two or more demos
 *    stated rules are followed more reliably (0.96 instead of 0.8: examples anchor instructions).
 *    Demos do NOT teach conventions such as day-first dates: those need a stated rule.
 * 3. **A weak built-in prior**: label names and a tiny lexicon (lexicon.ts), dates echoed as
 *    written, numbers added up; with no evidence at all, a guess that depends on the input only.
 *    Generic words and names never count as evidence (text-features.ts). Zero-shot is poor but
 *    not zero.
 *
 * ## Realistic mistakes
 * Format slips (missing field markers, a chatty preamble, prose inside the value, wrong case,
 * a label with a suffix, fenced or non-JSON output in JSON mode) at a rate that demos, an
 * "answer only" rule and a constraint-feedback retry (`Your answer broke a rule: ...`) reduce;
 * a feedback turn naming a date format (e.g. "YYYY-MM-DD") is obeyed half of the time. Close
 * label decisions are sometimes (30%) confused with the runner-up. Arithmetic is weak: two-step
 * problems always fail, so expect low scores on word problems; that is by design.
 *
 * ## As the instruction proposer
 * When the only output is `proposed_instruction` (PROPOSER_SIGNATURE), it reads the `demos` and
 * `failures` blocks (readExampleBlocks) and writes rules in the forms above (see proposer.ts):
 * keyword → label associations seen with one label only (failures count double), the date format
 * of the expected values, day order and century evidence. It keeps the current instruction's
 * rules unless an example contradicts them; the seed and the `tip` ("short" → fewer, "detailed" →
 * more rules) vary how many new rules it takes; it avoids repeating `previous_instructions`.
 * With no example blocks (COPRO-like search) it can only add "Answer with the <field> only."
 * Rules help with the long tail that a handful of demos cannot cover; demos help with format,
 * near neighbours and rule reliability; so alternating both (COPA) beats either alone.
 *
 * ## Determinism
 * The output is a pure function of (model seed, request messages, temperature, and — only when
 * temperature > 0 — `request.seed`). `rolloutId` is stripped before a request reaches a model, so
 * optimizers that want a fresh sample must pass a different `seed` with temperature > 0 (they do).
 */
import { throwIfAborted } from '../../core/errors';
import { estimateTokens, type LMRequest, type LMResponse, type LanguageModel } from '../../core/lm';
import { pickSlip, slipRate, writeAnswer } from './answer-writer';
import { answerFields } from './field-answerer';
import { readInstructionRules } from './instruction-rules';
import { Noise } from './noise';
import { readPrompt } from './prompt-reader';
import { proposeInstruction } from './proposer';

export const STANDIN_MODEL_ID = 'stand-in-v1';
const PROPOSER_OUTPUT = 'proposed_instruction';

export interface StandInOptions {
  seed: number;
  id?: string;
}

export class StandInModel implements LanguageModel {
  readonly id: string;
  readonly seed: number;

  constructor(options: StandInOptions) {
    this.seed = options.seed;
    this.id = options.id ?? STANDIN_MODEL_ID;
  }

  async complete(request: LMRequest, signal?: AbortSignal): Promise<LMResponse> {
    throwIfAborted(signal);
    const full = this.respond(request);
    const cap = Math.max(1, request.maxTokens) * 4;
    const text = full.length > cap ? full.slice(0, cap) : full;
    const promptText = request.messages.map((m) => m.content).join('\n');
    return {
      text,
      usage: {
        promptTokens: estimateTokens(promptText),
        completionTokens: estimateTokens(text),
        latencyMs: 0,
      },
      finishReason: text.length < full.length ? 'length' : 'stop',
    };
  }

  /** The answer text for a request (synchronous; `complete` wraps it). */
  respond(request: LMRequest): string {
    const prompt = readPrompt(request);
    const noise = new Noise(this.seed, request);
    const outputs = prompt.outputFields;
    if (outputs.length === 1 && outputs[0]?.name === PROPOSER_OUTPUT)
      return writeAnswer(
        prompt,
        { [PROPOSER_OUTPUT]: proposeInstruction(prompt.inputs, noise) },
        null,
      );
    const rules = readInstructionRules(prompt.instruction);
    const values = answerFields(prompt, rules, noise, request.temperature);
    const rate = slipRate(prompt, rules.answerOnly, request.temperature);
    const slip = pickSlip(prompt, rate, noise, request.responseSchema !== undefined);
    return writeAnswer(prompt, values, slip);
  }
}
