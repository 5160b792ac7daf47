import type { Demo, FieldValues } from '../example';
import type { JsonObject } from '../json';
import type { Signature } from '../signature';
import { DSPY_BOOKKEEPING_KEYS, DSPY_REASONING_NAMES } from './dspy-format';

/**
 * DSPy demos → ours: only signature fields are kept (`rationale` becomes `reasoning`), the
 * `augmented` flag is kept, `dspy_uuid` becomes the source id, and demos DSPy's adapters would
 * drop (no input or no output of this predictor) are left out, with warnings saying so.
 */
export function convertDemos(
  key: string,
  demos: readonly JsonObject[],
  signature: Signature,
  chainOfThought: boolean,
): { demos: Demo[]; warnings: string[] } {
  const inputs = signature.inputs.map((f) => f.name);
  const outputs = [
    ...(chainOfThought ? ['reasoning'] : []),
    ...signature.outputs.map((f) => f.name),
  ];
  const out: Demo[] = [];
  const dropped = new Set<string>();
  let incomplete = 0;
  for (const raw of demos) {
    const data: FieldValues = {};
    for (const [k, v] of Object.entries(raw)) {
      const name = chainOfThought && DSPY_REASONING_NAMES.includes(k) ? 'reasoning' : k;
      if (inputs.includes(name) || outputs.includes(name)) data[name] = v;
      else if (!DSPY_BOOKKEEPING_KEYS.includes(k)) dropped.add(k);
    }
    // DSPy's adapters drop a demo without at least one input and one output; so do we.
    if (!inputs.some((n) => n in data) || !outputs.some((n) => n in data)) {
      incomplete++;
      continue;
    }
    const demo: Demo = {
      data: orderKeys(data, [...inputs, ...outputs]),
      augmented: raw.augmented === true,
    };
    out.push(typeof raw.dspy_uuid === 'string' ? { ...demo, sourceId: raw.dspy_uuid } : demo);
  }
  const warnings: string[] = [];
  if (incomplete > 0)
    warnings.push(
      `${key}: ${incomplete} demo(s) had no input or no output of this predictor; DSPy ignores such demos, so they were left out.`,
    );
  if (dropped.size > 0)
    warnings.push(
      `${key}: demo keys that are not fields of this predictor were left out: ${[...dropped].join(', ')}.`,
    );
  return { demos: out, warnings };
}

function orderKeys(data: FieldValues, order: readonly string[]): FieldValues {
  const out: FieldValues = {};
  for (const n of order) {
    const v = data[n];
    if (v !== undefined) out[n] = v;
  }
  return out;
}
