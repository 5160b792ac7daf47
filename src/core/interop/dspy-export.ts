import type { Demo } from '../example';
import type { JsonObject } from '../json';
import type { PredictorStateData, ProgramState } from '../program';
import type { FieldSpec } from '../signature';
import { type CopaFieldLayout, COPA_LAYOUT_KEY, layoutToJson } from './copa-layout';
import {
  DSPY_REASONING_PREFIX,
  FLAT_KEY,
  type DspyDependencyVersions,
  type DspyFieldState,
  type DspyPredictState,
  descriptionPlaceholder,
  inferPrefix,
} from './dspy-format';
import { droppedOnExportNote, withoutSecrets } from './secrets';

export interface DspyExportOptions {
  /**
   * Written to `metadata.dependency_versions`. Default: none, since the playground ran no Python
   * and no DSPy; DSPy's `load()` (2.5.43 → 3.3.1) warns only about the versions a file lists.
   */
  dependencyVersions?: Partial<DspyDependencyVersions>;
  /** Keep field types and the input/output split in `metadata.copa_playground` (default true). */
  includeFieldLayout?: boolean;
  /** `auto` (default): flat for one step and nothing kept, as a bare predictor's `save()`; else nested. */
  layout?: 'auto' | 'nested';
}

export interface DspyExport {
  /** The object DSPy's `Module.load()` reads. */
  json: JsonObject;
  /** The file text, as DSPy 3.x writes it (2-space indent, trailing newline). */
  text: string;
  /** What DSPy's JSON cannot hold (field types, label sets) or the playground does not run. */
  warnings: string[];
  /** True when a one-step program was written flat, for a bare `dspy.Predict` / `dspy.ChainOfThought`. */
  flat: boolean;
}

/** The parameter name DSPy 2.6+ gives a predictor: ChainOfThought's inner Predict is `x.predict`. */
export function dspyParameterName(
  step: Pick<PredictorStateData, 'name' | 'chainOfThought'>,
): string {
  if (!step.chainOfThought) return step.name;
  return step.name === 'self' ? 'predict' : `${step.name}.predict`;
}

/** Whether `exportDspyProgram` writes this program flat (one step, nothing kept). */
export function exportsFlat(state: ProgramState, opts: DspyExportOptions = {}): boolean {
  return opts.layout !== 'nested' && state.steps.length === 1 && (state.kept ?? []).length === 0;
}

/**
 * Program state → DSPy saved-program JSON in the layout DSPy's own `save()` writes (2.6 → 3.x):
 * a one-step program flat, as `dspy.Predict(...).save()` or `dspy.ChainOfThought(...).save()`
 * writes it, so it loads into that bare predictor; several steps keyed by parameter name, for a
 * `dspy.Module` with those attributes. Kept parameters (e.g. a Retrieve) are written back
 * as they were, less any credential (secrets.ts); `lm` is null and bootstrapped demos are
 * marked `augmented`.
 */
export function exportDspyProgram(state: ProgramState, opts: DspyExportOptions = {}): DspyExport {
  const versions = opts.dependencyVersions ?? {};
  const reasoningPrefix =
    versions.dspy !== undefined && usesShortReasoningPrefix(versions.dspy)
      ? 'Reasoning:'
      : DSPY_REASONING_PREFIX;
  const flat = exportsFlat(state, opts);
  const json: JsonObject = {};
  const layouts: Record<string, CopaFieldLayout> = {};
  const warnings: string[] = [];
  for (const k of state.kept ?? []) {
    // A program kept before import dropped credentials may still hold them: never written.
    const clean = withoutSecrets(k.state, k.name);
    json[k.name] = clean.value;
    warnings.push(...clean.dropped.map(droppedOnExportNote));
    warnings.push(
      `"${k.name}" (a DSPy ${k.kind === 'unknown' ? 'parameter' : k.kind === 'retrieve' ? 'Retrieve' : 'Flex module'} kept from the imported file) is written back as it was; the playground did not run or change it.`,
    );
  }
  for (const step of state.steps) {
    const name = flat && !step.chainOfThought ? FLAT_KEY : dspyParameterName(flatStep(step, flat));
    const predictor = predictState(step, reasoningPrefix) as unknown as JsonObject;
    if (flat && !step.chainOfThought) Object.assign(json, predictor);
    else json[name] = predictor;
    layouts[name] = {
      name: step.name,
      chainOfThought: step.chainOfThought,
      inputs: step.signature.inputs,
      outputs: step.signature.outputs,
    };
    warnings.push(...typeWarnings(step));
  }
  const metadata: JsonObject = { dependency_versions: { ...versions } };
  if (opts.includeFieldLayout !== false)
    metadata[COPA_LAYOUT_KEY] = layoutToJson(state.description, layouts);
  json.metadata = metadata;
  return { json, text: `${JSON.stringify(json, null, 2)}\n`, warnings, flat };
}

/** A flat ChainOfThought is a bare `dspy.ChainOfThought`, whose only parameter is `predict`. */
function flatStep(
  step: PredictorStateData,
  flat: boolean,
): Pick<PredictorStateData, 'name' | 'chainOfThought'> {
  return flat ? { name: 'self', chainOfThought: step.chainOfThought } : step;
}

/** What DSPy's JSON cannot hold of a step's field types, with the line that declares each. */
function typeWarnings(step: PredictorStateData): string[] {
  const out: string[] = [];
  for (const f of [...step.signature.inputs, ...step.signature.outputs]) {
    if (f.type === 'text') continue;
    const kind = step.signature.inputs.includes(f) ? 'InputField' : 'OutputField';
    out.push(
      f.type === 'label' && f.labels
        ? `${step.name}.${f.name} is a label field with ${f.labels.length} labels; DSPy's JSON keeps no types, so the generated Python code declares it (every label is also in metadata.${COPA_LAYOUT_KEY}); in your own signature: ${pythonLiteral(f.name, f.labels, kind)}`
        : `${step.name}.${f.name} is a ${f.type} field; DSPy's JSON keeps no types, so the generated Python code declares it; keep that declaration in your own signature.`,
    );
  }
  return out;
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
  // As the run's signature (program.ts effectiveSignature): a step that already has a field
  // named `reasoning` gets no second one, which would shift every later field by one.
  const addsReasoning =
    step.chainOfThought && ![...inputs, ...outputs].some((f) => f.name === 'reasoning');
  const fields: DspyFieldState[] = [
    ...inputs.map(fieldState),
    ...(addsReasoning
      ? [{ prefix: reasoningPrefix, description: descriptionPlaceholder('reasoning') }]
      : []),
    ...outputs.map(fieldState),
  ];
  const order = [
    ...inputs.map((f) => f.name),
    ...(addsReasoning ? ['reasoning'] : []),
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
  // Where the demo came from, under the key DSPy's datasets use for it; DSPy's adapters ignore
  // keys that are not fields, and the importer reads it back as the demo's source id.
  if (demo.sourceId !== undefined && !('dspy_uuid' in out)) out.dspy_uuid = demo.sourceId;
  return out;
}
