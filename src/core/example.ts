import type { JsonValue } from './json';

/** Field values by name: an example's inputs and labels, or a prediction's outputs. */
export type FieldValues = { [field: string]: JsonValue };

/** A dataset row: input and (for training/validation) gold output values, with a stable id. */
export interface Example {
  readonly id: string;
  readonly data: FieldValues;
}

/** What a program returned for one input: its output field values. */
export type Prediction = FieldValues;

/** A demonstration shown to a predictor. Bootstrapped demos came from a passing trace. */
export interface Demo {
  readonly data: FieldValues;
  /** True when produced by bootstrapping (DSPy's `augmented`), false for a labeled example. */
  readonly augmented: boolean;
  /** The training example it came from, when known. */
  readonly sourceId?: string;
}

/** Makes an example, checking nothing: dataset validation happens on import. */
export function makeExample(id: string, data: FieldValues): Example {
  return { id, data };
}

/** The values of `names` taken from `values` (missing ones left out). */
export function pickFields(values: FieldValues, names: readonly string[]): FieldValues {
  const out: FieldValues = {};
  for (const n of names) {
    const v = values[n];
    if (v !== undefined) out[n] = v;
  }
  return out;
}
