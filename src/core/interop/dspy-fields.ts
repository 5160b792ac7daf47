import type { FieldSpec } from '../signature';
import { isJsonObject, type JsonObject, type JsonValue } from '../json';
import {
  DSPY_BOOKKEEPING_KEYS,
  DSPY_REACT_OUTPUTS,
  DSPY_REASONING_NAMES,
  type DspyFieldState,
  inferPrefix,
  nameFromPrefix,
  parseDefaultInstructions,
} from './dspy-format';

/** Field layout recovered for one predictor; `reasoning` is not among the outputs. */
export interface RecoveredLayout {
  inputs: FieldSpec[];
  outputs: FieldSpec[];
  chainOfThought: boolean;
  warnings: string[];
}

const FIELD_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** Where a user corrects a guessed layout: the program editor, reached from the Library. */
const FIX_ON_PROGRAM_SCREEN =
  'If that is wrong, open the program from the Library (Open with …) and correct its fields on the Program screen before you save it: remove an input that is an output and add it under Output fields.';
const PLACEHOLDER = /^\$\{([A-Za-z_][A-Za-z0-9_]*)\}$/;

export function textField(name: string, description = ''): FieldSpec {
  return { name, description, type: 'text' };
}

/** The signature-field keys of a demo, in order (DSPy's bookkeeping keys left out). */
export function demoFieldKeys(demo: JsonObject): string[] {
  return Object.keys(demo).filter((k) => !DSPY_BOOKKEEPING_KEYS.includes(k));
}

function isReasoningField(f: DspyFieldState): boolean {
  return (
    f.prefix.startsWith('Reasoning:') ||
    DSPY_REASONING_NAMES.some((n) => f.description === `\${${n}}`) ||
    f.description.startsWith('${produce the')
  );
}

/** A field's own description, or '' for DSPy's `${name}` placeholder. */
function ownDescription(f: DspyFieldState, name: string): string {
  if (f.description === `\${${name}}` || PLACEHOLDER.test(f.description)) return '';
  return f.description;
}

/**
 * Demo keys by the prefix DSPy gives a field of that name ("Search Query:" for `searchQuery` or
 * `search_query`), for keys no other key shares a prefix with: DSPy writes that default prefix
 * unless told otherwise, so it names a field whatever order a demo's keys are in.
 */
function demoKeysByPrefix(demos: readonly JsonObject[]): Map<string, string> {
  const keys = new Set(demos.flatMap(demoFieldKeys).filter((k) => FIELD_NAME.test(k)));
  const out = new Map<string, string>();
  const shared = new Set<string>();
  for (const k of keys) {
    const prefix = `${inferPrefix(k)}:`;
    if (out.has(prefix)) shared.add(prefix);
    else out.set(prefix, k);
  }
  for (const prefix of shared) out.delete(prefix);
  return out;
}

/**
 * Names and roles of positional G2/G3 fields (inputs first, then outputs; CoT's reasoning is
 * the first output). Names come from `${name}` placeholders, else from a complete demo, else
 * from the prefix.
 */
export function layoutFromFieldStates(
  predictor: string,
  fields: readonly DspyFieldState[],
  instructions: string,
  demos: readonly JsonObject[],
): RecoveredLayout {
  const warnings: string[] = [];
  // Only a bootstrapped demo lists its keys in signature order (inputs, then outputs); a labeled
  // one keeps its dataset's order ({"sentiment", "sentence"}), which named fields crosswise.
  const complete = demos
    .filter((d) => d.augmented === true)
    .map(demoFieldKeys)
    .find((keys) => keys.length === fields.length);
  const byPrefix = demoKeysByPrefix(demos);
  const names = fields.map((f, i) => {
    const placeholder = PLACEHOLDER.exec(f.description)?.[1];
    if (placeholder) return placeholder;
    if (isReasoningField(f)) return 'reasoning';
    const fromPrefixOfDemoKey = byPrefix.get(f.prefix);
    if (fromPrefixOfDemoKey) return fromPrefixOfDemoKey;
    const fromDemo = complete?.[i];
    if (fromDemo && FIELD_NAME.test(fromDemo)) return fromDemo;
    const fromPrefix = nameFromPrefix(f.prefix);
    if (FIELD_NAME.test(fromPrefix)) {
      warnings.push(
        `${predictor}: the name of field ${i + 1} was guessed from its prefix "${f.prefix}" as "${fromPrefix}".`,
      );
      return fromPrefix;
    }
    return `field_${i + 1}`;
  });
  const specs = fields.map((f, i) =>
    textField(names[i] ?? `field_${i + 1}`, ownDescription(f, names[i] ?? '')),
  );

  const reasoningAt = fields.findIndex(isReasoningField);
  if (reasoningAt > 0 && reasoningAt < fields.length - 1) {
    return {
      inputs: specs.slice(0, reasoningAt),
      outputs: specs.slice(reasoningAt + 1),
      chainOfThought: true,
      warnings,
    };
  }
  const reactAt = reactOutputsAt(names);
  if (reactAt !== undefined)
    return {
      inputs: specs.slice(0, reactAt),
      outputs: specs.slice(reactAt),
      chainOfThought: false,
      warnings,
    };
  const split = splitByDefaultInstructions(names, instructions);
  if (split !== undefined)
    return {
      inputs: specs.slice(0, split),
      outputs: specs.slice(split),
      chainOfThought: false,
      warnings,
    };
  return {
    ...assumeLastIsOutput(predictor, specs),
    chainOfThought: false,
    warnings: [...warnings, lastOutputWarning(predictor, specs)],
  };
}

/**
 * Where the outputs of a DSPy ReAct agent's tool-picking predictor start. `dspy.ReAct` builds
 * it from the task's inputs plus `trajectory`, and always gives it these three outputs; its
 * instruction is free text, so nothing else in the file says where its inputs end.
 */
function reactOutputsAt(names: readonly string[]): number | undefined {
  const at = names.length - DSPY_REACT_OUTPUTS.length;
  if (at < 1 || names[at - 1] !== 'trajectory') return undefined;
  return DSPY_REACT_OUTPUTS.every((n, i) => names[at + i] === n) ? at : undefined;
}

/** Where inputs end, when the instruction is DSPy's default one naming exactly these fields. */
function splitByDefaultInstructions(
  names: readonly string[],
  instructions: string,
): number | undefined {
  const parsed = parseDefaultInstructions(instructions);
  if (!parsed) return undefined;
  const listed = [...parsed.inputs, ...parsed.outputs];
  if (listed.length !== names.length || listed.some((n, i) => n !== names[i])) return undefined;
  return parsed.inputs.length;
}

function assumeLastIsOutput(
  _predictor: string,
  specs: readonly FieldSpec[],
): { inputs: FieldSpec[]; outputs: FieldSpec[] } {
  return { inputs: specs.slice(0, -1), outputs: specs.slice(-1) };
}

function lastOutputWarning(predictor: string, specs: readonly FieldSpec[]): string {
  const last = specs[specs.length - 1]?.name ?? '?';
  return `${predictor}: the file does not say which fields are outputs; assumed only the last one ("${last}"). ${FIX_ON_PROGRAM_SCREEN}`;
}

/**
 * Layout from demo keys alone (G0, and G1 without stored fields). A bootstrapped demo lists
 * the inputs, then the outputs, with CoT's reasoning first among the outputs.
 */
export function layoutFromDemos(
  predictor: string,
  demos: readonly JsonObject[],
  instructions: string | undefined,
): RecoveredLayout {
  const warnings: string[] = [];
  const augmented = demos.find((d) => d.augmented === true);
  let keys: string[];
  if (augmented) keys = demoFieldKeys(augmented);
  else {
    keys = [];
    for (const d of demos) for (const k of demoFieldKeys(d)) if (!keys.includes(k)) keys.push(k);
    if (keys.length > 0)
      warnings.push(
        `${predictor}: no bootstrapped demo to read the fields from; used every key of the labeled demos (${keys.join(', ')}).`,
      );
  }
  keys = keys.filter((k) => FIELD_NAME.test(k));

  const parsed = instructions ? parseDefaultInstructions(instructions) : undefined;
  const reasoningKey = keys.find((k) => DSPY_REASONING_NAMES.includes(k));
  if (parsed) {
    return {
      inputs: parsed.inputs.map((n) => textField(n)),
      outputs: parsed.outputs
        .filter((n) => !DSPY_REASONING_NAMES.includes(n))
        .map((n) => textField(n)),
      chainOfThought: reasoningKey !== undefined,
      warnings,
    };
  }
  if (keys.length < 2) {
    warnings.push(
      `${predictor}: the file names no fields; used "input -> output". ${FIX_ON_PROGRAM_SCREEN}`,
    );
    return {
      inputs: [textField('input')],
      outputs: [textField('output')],
      chainOfThought: false,
      warnings,
    };
  }
  if (reasoningKey) {
    const at = keys.indexOf(reasoningKey);
    if (at > 0 && at < keys.length - 1)
      return {
        inputs: keys.slice(0, at).map((n) => textField(n)),
        outputs: keys.slice(at + 1).map((n) => textField(n)),
        chainOfThought: true,
        warnings,
      };
  }
  const specs = keys.map((n) => textField(n));
  return {
    ...assumeLastIsOutput(predictor, specs),
    chainOfThought: false,
    warnings: [...warnings, lastOutputWarning(predictor, specs)],
  };
}

/** G1 files saved with `save_field_meta=True` list every field with its role. */
export function layoutFromG1Fields(fields: JsonValue[]): RecoveredLayout | undefined {
  const inputs: FieldSpec[] = [];
  const outputs: FieldSpec[] = [];
  let reasoning = false;
  for (const f of fields) {
    if (!isJsonObject(f) || typeof f.name !== 'string') return undefined;
    const description =
      typeof f.description === 'string' && f.description !== `\${${f.name}}` ? f.description : '';
    if (f.field_type === 'input') inputs.push(textField(f.name, description));
    else if (DSPY_REASONING_NAMES.includes(f.name)) reasoning = true;
    else outputs.push(textField(f.name, description));
  }
  return { inputs, outputs, chainOfThought: reasoning, warnings: [] };
}
