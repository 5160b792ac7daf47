import type { Example } from '../example';
import { estimateTokens } from '../lm';
import { fieldTokenLimit, isReasoningField } from '../output-limit';
import { effectiveSignature, type Predictor, type Program } from '../program';

/**
 * Tokens a call writes for an output field the data does not hold, before any call has shown
 * how long it runs. A chain of thought's reasoning (ChainOfThought adds it; the data has only
 * the answer): about 120 tokens, as the rationales of DSPy's saved GSM8K program run (117 tokens
 * at the median, four characters a token; GSM8K's own reference solutions run about 60, and
 * small models write more than those). Another field (a later step's input, such as a search
 * query): a short phrase.
 */
export const ASSUMED_UNWRITTEN_TOKENS = { reasoning: 120, other: 24 } as const;

/**
 * Tokens one call writes, on average over the program's steps, for the output fields that none
 * of `examples` holds: measured from the step's demos that hold the field (an imported or
 * optimized program's bootstrapped demos carry their reasoning), else assumed
 * (ASSUMED_UNWRITTEN_TOKENS), never more than the call's output limit allows the field. On a
 * small model writing is the slow part (40 tokens/s on an iGPU: 120 tokens of reasoning are 3 s
 * a call, a label 0.3 s), so an estimate that counted only the data's answers would put a
 * reasoning program's run at a fraction of its length.
 */
export function unwrittenOutputTokens(program: Program, examples: readonly Example[]): number {
  const steps = program.steps;
  if (steps.length === 0) return 0;
  const inData = new Set(examples.flatMap((e) => Object.keys(e.data)));
  let total = 0;
  for (const step of steps) {
    for (const field of effectiveSignature(step).outputs) {
      if (inData.has(field.name)) continue;
      const assumed = isReasoningField(field)
        ? ASSUMED_UNWRITTEN_TOKENS.reasoning
        : ASSUMED_UNWRITTEN_TOKENS.other;
      total += Math.min(fieldTokenLimit(field), demoTokens(step, field.name) ?? assumed);
    }
  }
  return Math.round(total / steps.length);
}

/** The mean tokens of a field's text in the step's demos that hold it; null when none does. */
function demoTokens(step: Predictor, field: string): number | null {
  const texts = step.demos
    .map((d) => d.data[field])
    .filter((v): v is string => typeof v === 'string' && v.trim() !== '');
  if (texts.length === 0) return null;
  return texts.reduce((n, t) => n + estimateTokens(t), 0) / texts.length;
}
