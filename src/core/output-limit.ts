/**
 * How many tokens one predictor call may generate, from its output fields. A small model that
 * keeps talking after its answer pays for every extra token (decode is the slow part on an
 * iGPU), so a label answer gets a few dozen tokens, not the 512 a free-text answer might need.
 */
import type { FieldSpec, Signature } from './signature';

/** Per-field allowances, in tokens (generous: a cut answer is worse than a few spare tokens). */
export const OUTPUT_TOKENS = {
  /** The `[[ ## name ## ]]` header or the JSON key around each value. */
  fieldOverhead: 12,
  /** The closing `[[ ## completed ## ]]` marker or the JSON braces. */
  end: 12,
  number: 16,
  /** A label is at least this long, and longer for long label names. */
  labelMin: 8,
  text: 256,
  /** Step-by-step reasoning (a text field named like DSPy's chain-of-thought field). */
  reasoning: 384,
  list: 256,
  json: 384,
} as const;

const REASONING_NAME = /^(reasoning|rationale|thoughts?|chain_of_thought|explanation)$/i;

/** The output-token limit of one call for this signature. */
export function outputTokenLimit(signature: Signature): number {
  let total = OUTPUT_TOKENS.end;
  for (const field of signature.outputs)
    total += OUTPUT_TOKENS.fieldOverhead + fieldTokenLimit(field);
  return total;
}

/** How many tokens one output field may take in a call's answer. */
export function fieldTokenLimit(field: FieldSpec): number {
  switch (field.type) {
    case 'number':
      return OUTPUT_TOKENS.number;
    case 'label': {
      // About two characters per token for label names (snake_case splits into short pieces).
      const longest = Math.max(0, ...(field.labels ?? []).map((l) => l.length));
      return Math.max(OUTPUT_TOKENS.labelMin, Math.ceil(longest / 2) + 4);
    }
    case 'list':
      return OUTPUT_TOKENS.list;
    case 'json':
      return OUTPUT_TOKENS.json;
    case 'text':
      return isReasoningField(field) ? OUTPUT_TOKENS.reasoning : OUTPUT_TOKENS.text;
  }
}

/** A text field named like DSPy's chain-of-thought field: step-by-step reasoning. */
export function isReasoningField(field: FieldSpec): boolean {
  return field.type === 'text' && REASONING_NAME.test(field.name);
}
