import type { JsonObject, JsonValue } from '../json';

/**
 * Types and naming rules of DSPy's saved-program JSON (`program.save("x.json")`), all
 * generations. See ../shared/dspy-save-format.md for where each rule comes from.
 */

/** One `{prefix, description}` entry of a G2/G3 signature; fields are positional. */
export interface DspyFieldState {
  prefix: string;
  description: string;
}

export interface DspySignatureState {
  instructions: string;
  fields: DspyFieldState[];
}

/** What current DSPy (2.6.9 → 3.x) writes for one Predict, in its key order. */
export interface DspyPredictState {
  traces: JsonValue[];
  train: JsonValue[];
  demos: JsonObject[];
  signature: DspySignatureState;
  lm: JsonObject | null;
}

export interface DspyDependencyVersions {
  python: string;
  dspy: string;
  cloudpickle: string;
}

/** The save-file generations: G0 demos only, G1 instructions + last prefix, G2/G3 full signature. */
export type DspyGeneration = 'G0' | 'G1' | 'G2' | 'G3';

/**
 * The name of a flat file's predictor: DSPy's own name for a program that is itself a Predict
 * (`named_parameters()` says "self"). The exporter writes it into the playground's layout
 * metadata; the importer reads a flat file's predictor under it.
 */
export const FLAT_KEY = 'self';

/** Demo keys DSPy adds for bookkeeping; never signature fields. */
export const DSPY_BOOKKEEPING_KEYS: readonly string[] = ['augmented', 'dspy_uuid', 'dspy_split'];

/** ChainOfThought's reasoning field prefix through DSPy 3.1 (3.2+ writes just "Reasoning:"). */
export const DSPY_REASONING_PREFIX = "Reasoning: Let's think step by step in order to";

/** The names ChainOfThought gave its reasoning output (`rationale` before DSPy 2.5's LM client). */
export const DSPY_REASONING_NAMES: readonly string[] = ['reasoning', 'rationale'];

/** The outputs `dspy.ReAct` gives its tool-picking predictor (`react`), in order. */
export const DSPY_REACT_OUTPUTS: readonly string[] = [
  'next_thought',
  'next_tool_name',
  'next_tool_args',
];

/** DSPy's "no description" placeholder for a field. */
export function descriptionPlaceholder(name: string): string {
  return `\${${name}}`;
}

/**
 * DSPy's `infer_prefix`: split camelCase, digit boundaries and underscores; keep all-caps words,
 * `str.capitalize()` the rest; join with spaces. `search_query` → `Search Query`.
 */
export function inferPrefix(name: string): string {
  const camelSplit = name
    .replace(/(.)([A-Z][a-z]+)/g, '$1_$2')
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2');
  const digitSplit = camelSplit
    .replace(/([a-zA-Z])(\d)/g, '$1_$2')
    .replace(/(\d)([a-zA-Z])/g, '$1_$2');
  // Python's split keeps empty words and `isupper()` is false for words without letters.
  return digitSplit
    .split('_')
    .map((w) =>
      /[A-Za-z]/.test(w) && w === w.toUpperCase()
        ? w
        : w.charAt(0).toUpperCase() + w.slice(1).toLowerCase(),
    )
    .join(' ');
}

/** Best guess of a field name from a DSPy prefix such as `Search Query:`. */
export function nameFromPrefix(prefix: string): string {
  return prefix
    .replace(/:.*$/s, '')
    .trim()
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .toLowerCase();
}

/** The field names of DSPy's default instruction, or undefined when it is free text. */
export function parseDefaultInstructions(
  instructions: string,
): { inputs: string[]; outputs: string[] } | undefined {
  const m = /^Given the fields (.+), produce the fields (.+)\.$/s.exec(instructions.trim());
  if (!m) return undefined;
  const names = (list: string): string[] | undefined => {
    const items = list.split(',').map((s) => s.trim());
    const out = items.map((s) => /^`([A-Za-z_][A-Za-z0-9_]*)`$/.exec(s)?.[1]);
    return out.every((s): s is string => s !== undefined) ? out : undefined;
  };
  const inputs = names(m[1] ?? '');
  const outputs = names(m[2] ?? '');
  return inputs && outputs ? { inputs, outputs } : undefined;
}
