import type { Demo } from '../example';
import type { JsonObject } from '../json';
import type { PredictorStateData, ProgramState } from '../program';
import type { FieldSpec } from '../signature';
import { type CopaFieldLayout, COPA_LAYOUT_KEY, layoutToJson } from './copa-layout';
import {
  DSPY_REASONING_PREFIX,
  type DspyDependencyVersions,
  type DspyFieldState,
  type DspyPredictState,
  descriptionPlaceholder,
  inferPrefix,
} from './dspy-format';

export interface DspyExportOptions {
  /** Written to `metadata.dependency_versions`; DSPy only warns when they differ from its own. */
  dependencyVersions?: Partial<DspyDependencyVersions>;
  /** Keep field types and the input/output split in `metadata.copa_playground` (default true). */
  includeFieldLayout?: boolean;
}

export interface DspyExport {
  /** The object DSPy's `Module.load()` reads. */
  json: JsonObject;
  /** The file text, as DSPy 3.x writes it (2-space indent, trailing newline). */
  text: string;
  /** What DSPy cannot represent (e.g. label sets), for the user to redo in Python. */
  warnings: string[];
}

/** The DSPy version whose layout the export follows by default. */
export const DEFAULT_DSPY_VERSIONS: DspyDependencyVersions = {
  python: '3.12',
  dspy: '3.0.4',
  cloudpickle: '3.1',
};

/** The parameter name DSPy 2.6+ gives a predictor: ChainOfThought's inner Predict is `x.predict`. */
export function dspyParameterName(
  step: Pick<PredictorStateData, 'name' | 'chainOfThought'>,
): string {
  if (!step.chainOfThought) return step.name;
  return step.name === 'self' ? 'predict' : `${step.name}.predict`;
}

/**
 * Program state → DSPy saved-program JSON that DSPy 2.6.9 – 3.x loads into a program with the
 * same parameter names (`lm: null`, metadata included, bootstrapped demos marked `augmented`).
 */
export function exportDspyProgram(state: ProgramState, opts: DspyExportOptions = {}): DspyExport {
  const versions: DspyDependencyVersions = { ...DEFAULT_DSPY_VERSIONS, ...opts.dependencyVersions };
  const reasoningPrefix = usesShortReasoningPrefix(versions.dspy)
    ? 'Reasoning:'
    : DSPY_REASONING_PREFIX;
  const json: JsonObject = {};
  const layouts: Record<string, CopaFieldLayout> = {};
  const warnings: string[] = [];
  for (const step of state.steps) {
    const name = dspyParameterName(step);
    json[name] = predictState(step, reasoningPrefix) as unknown as JsonObject;
    layouts[name] = {
      name: step.name,
      chainOfThought: step.chainOfThought,
      inputs: step.signature.inputs,
      outputs: step.signature.outputs,
    };
    for (const f of [...step.signature.inputs, ...step.signature.outputs])
      if (f.type === 'label' && f.labels)
        warnings.push(
          `${step.name}.${f.name} is a label field with ${f.labels.length} labels; DSPy's JSON keeps no types, so declare it in your Python signature: ${pythonLiteral(f.name, f.labels, step.signature.inputs.includes(f) ? 'InputField' : 'OutputField')} (every label is also in metadata.${COPA_LAYOUT_KEY}).`,
        );
      else if (f.type !== 'text')
        warnings.push(
          `${step.name}.${f.name} is a ${f.type} field; DSPy's JSON keeps no types, so declare it in your Python signature.`,
        );
  }
  const metadata: JsonObject = { dependency_versions: { ...versions } };
  if (opts.includeFieldLayout !== false)
    metadata[COPA_LAYOUT_KEY] = layoutToJson(state.description, layouts);
  json.metadata = metadata;
  return { json, text: `${JSON.stringify(json, null, 2)}\n`, warnings };
}

/** A label field as a DSPy signature line: `intent: Literal["a", "b"] = dspy.OutputField()`. */
export function pythonLiteral(
  name: string,
  labels: readonly string[],
  kind: 'InputField' | 'OutputField' = 'OutputField',
): string {
  return `${name}: Literal[${labels.map((l) => JSON.stringify(l)).join(', ')}] = dspy.${kind}()`;
}

/** DSPy 3.2 stopped giving ChainOfThought's reasoning its long prefix. */
function usesShortReasoningPrefix(dspyVersion: string): boolean {
  const [major = 0, minor = 0] = dspyVersion.split('.').map(Number);
  return major > 3 || (major === 3 && minor >= 2);
}

function predictState(step: PredictorStateData, reasoningPrefix: string): DspyPredictState {
  const { inputs, outputs, instruction } = step.signature;
  const fields: DspyFieldState[] = [
    ...inputs.map(fieldState),
    ...(step.chainOfThought
      ? [{ prefix: reasoningPrefix, description: descriptionPlaceholder('reasoning') }]
      : []),
    ...outputs.map(fieldState),
  ];
  const order = [
    ...inputs.map((f) => f.name),
    ...(step.chainOfThought ? ['reasoning'] : []),
    ...outputs.map((f) => f.name),
  ];
  return {
    traces: [],
    train: [],
    demos: step.demos.map((d) => demoState(d, order)),
    signature: { instructions: instruction, fields },
    lm: null,
  };
}

function fieldState(f: FieldSpec): DspyFieldState {
  return {
    prefix: `${inferPrefix(f.name)}:`,
    description: f.description.trim() || descriptionPlaceholder(f.name),
  };
}

/** DSPy's demo layout: `augmented` first for bootstrapped demos, then fields in signature order. */
function demoState(demo: Demo, order: readonly string[]): JsonObject {
  const out: JsonObject = demo.augmented ? { augmented: true } : {};
  for (const name of order) {
    const v = demo.data[name];
    if (v !== undefined) out[name] = v;
  }
  for (const [k, v] of Object.entries(demo.data)) if (!(k in out)) out[k] = v;
  return out;
}
