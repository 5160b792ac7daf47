import { isJsonObject, type JsonObject, type JsonValue } from '../json';
import {
  PROGRAM_STATE_VERSION,
  Program,
  type KeptParameter,
  type PredictorStateData,
  type ProgramState,
} from '../program';
import { Signature } from '../signature';
import { COPA_LAYOUT_KEY, type CopaFieldLayout, layoutFromJson } from './copa-layout';
import { convertDemos } from './dspy-demos';
import {
  layoutFromDemos,
  layoutFromFieldStates,
  layoutFromG1Fields,
  type RecoveredLayout,
} from './dspy-fields';
import { type DspyFieldState, type DspyGeneration, FLAT_KEY, inferPrefix } from './dspy-format';
import { ProgramImportError } from './errors';
import { parseJsonText } from './json-text';
import {
  instructionNotTextWarning,
  isReactStep,
  ownLmWarning,
  reactWarning,
  unknownSignatureWarning,
  wiringWarning,
} from './dspy-import-notes';
import { datasetPickedMessage, datasetShape, IMPORT_A_PROGRAM } from './not-a-program';
import { droppedOnImportNote, withoutSecrets } from './secrets';

export interface DspyImportOptions {
  /**
   * Signatures the user knows, by predictor name (the file's or ours), e.g.
   * `{ classify: 'text -> label: label[pos|neg]' }`. They override what is guessed from the file.
   */
  signatures?: Record<string, string>;
}

export interface DspyImportResult {
  program: ProgramState;
  /** The newest format generation seen among the predictors. */
  generation: DspyGeneration;
  /** `metadata.dependency_versions.dspy`, when the file has it. */
  dspyVersion?: string;
  /** What was guessed or left out, in words a user can act on. */
  warnings: string[];
  /**
   * Parameters without a prompt (Retrieve, Flex, unknown), by name. Those that are JSON objects
   * are kept verbatim in `program.kept` and written back on export; they are never run.
   */
  skipped: string[];
  /** True when the file has one predictor's keys at the top level, as a bare `dspy.Predict(...).save()` writes it. */
  flat: boolean;
  /** Why the steps cannot run as a playground pipeline, when they cannot (e.g. a DSPy loop). */
  notRunnable?: string;
}

const TYPES_WARNING =
  'DSPy does not store field types; every field was imported as text. Change types in the program editor if needed.';
const GENERATION_ORDER: readonly DspyGeneration[] = ['G0', 'G1', 'G2', 'G3'];

/** Parses the text of a DSPy `program.save()` JSON file and imports it. */
export function importDspyProgramText(
  text: string,
  opts: DspyImportOptions = {},
): DspyImportResult {
  return importDspyProgram(parseJsonText(text, 'The DSPy program file'), opts);
}

/** Converts a DSPy saved program of any generation (before 2.4 → 3.x) to program state. */
export function importDspyProgram(json: unknown, opts: DspyImportOptions = {}): DspyImportResult {
  const dataset = datasetShape(json);
  if (!isJsonObject(json))
    throw new ProgramImportError(
      dataset
        ? datasetPickedMessage(dataset)
        : `A DSPy program file is a JSON object keyed by predictor name; this file is ${jsonKind(json)}. ${IMPORT_A_PROGRAM}`,
    );
  const metadata = isJsonObject(json.metadata) ? json.metadata : undefined;
  const flat = isFlatPredictor(json);
  const parameters = flat ? { [FLAT_KEY]: withoutMetadata(json) } : json;
  const versions =
    metadata && isJsonObject(metadata.dependency_versions)
      ? metadata.dependency_versions
      : undefined;
  const dspyVersion = typeof versions?.dspy === 'string' ? versions.dspy : undefined;
  const copa = layoutFromJson(metadata?.[COPA_LAYOUT_KEY]);

  const steps: PredictorStateData[] = [];
  const warnings: string[] = [];
  const skipped: string[] = [];
  const kept: KeptParameter[] = [];
  let generation: DspyGeneration = 'G0';
  let guessedTypes = false;

  for (const [key, value] of Object.entries(parameters)) {
    if (key === 'metadata') continue;
    const kind = parameterKind(value);
    if (kind !== 'predict' || !isJsonObject(value)) {
      skipped.push(key);
      warnings.push(skipWarning(key, kind, isJsonObject(value)));
      if (kind !== 'predict' && isJsonObject(value)) {
        // Kept to be written back on export, which is made to be shared: no credentials.
        const clean = withoutSecrets(value, key);
        if (isJsonObject(clean.value)) kept.push({ name: key, kind, state: clean.value });
        warnings.push(...clean.dropped.map(droppedOnImportNote));
      }
      continue;
    }
    const read = readPredictor(
      key,
      value,
      metadata !== undefined,
      dspyVersion,
      opts,
      copa?.predictors[key],
    );
    steps.push(read.step);
    warnings.push(...read.warnings);
    guessedTypes ||= read.guessedTypes;
    if (GENERATION_ORDER.indexOf(read.generation) > GENERATION_ORDER.indexOf(generation))
      generation = read.generation;
  }
  if (steps.length === 0)
    throw new ProgramImportError(
      dataset
        ? datasetPickedMessage(dataset)
        : `The file has no predictors, so there is nothing to import: in a DSPy program file each predictor is an object with a "demos" list, and ${keysSaid(parameters)}. ${IMPORT_A_PROGRAM}`,
    );
  if (guessedTypes) warnings.unshift(TYPES_WARNING);
  const agent = steps.find(isReactStep);
  if (agent) warnings.push(reactWarning(agent.name));
  // A program exported by the playground carries its own wiring (the layout); DSPy's does not.
  if (steps.length > 1 && !copa) warnings.push(wiringWarning(steps));

  const program: ProgramState = {
    version: PROGRAM_STATE_VERSION,
    description: copa?.description ?? '',
    steps,
    ...(kept.length > 0 ? { kept } : {}),
  };
  const result: DspyImportResult = { program, generation, warnings, skipped, flat };
  if (dspyVersion) result.dspyVersion = dspyVersion;
  try {
    Program.fromState(program);
  } catch (err) {
    result.notRunnable = err instanceof Error ? err.message : String(err);
  }
  return result;
}

type ParameterKind = 'predict' | KeptParameter['kind'];

/** A bare Predict's `save()` writes its own keys (`demos`, `signature`, …) at the top level. */
export function isFlatPredictor(json: JsonObject): boolean {
  return Array.isArray(json.demos);
}

function withoutMetadata(json: JsonObject): JsonObject {
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(json)) if (k !== 'metadata') out[k] = v;
  return out;
}

function parameterKind(value: JsonValue | undefined): ParameterKind {
  if (!isJsonObject(value)) return 'unknown';
  const keys = Object.keys(value);
  if (keys.length === 1 && typeof value.k === 'number') return 'retrieve';
  if ('module_src' in value) return 'flex';
  return Array.isArray(value.demos) ? 'predict' : 'unknown';
}

function skipWarning(key: string, kind: ParameterKind, keepable: boolean): string {
  if (!keepable)
    return `"${key}" is not a predictor the playground knows (not an object); it was left out.`;
  const kept =
    'it is kept as it is and written back on DSPy export, but the playground does not run it.';
  if (kind === 'retrieve') return `"${key}" is a DSPy Retrieve step (no prompt); ${kept}`;
  if (kind === 'flex') return `"${key}" is a DSPy Flex module; ${kept}`;
  return `"${key}" is not a predictor the playground knows (no "demos" list); ${kept}`;
}

interface ReadPredictor {
  step: PredictorStateData;
  generation: DspyGeneration;
  warnings: string[];
  guessedTypes: boolean;
}

function readPredictor(
  key: string,
  raw: JsonObject,
  hasMetadata: boolean,
  dspyVersion: string | undefined,
  opts: DspyImportOptions,
  copaLayout: CopaFieldLayout | undefined,
): ReadPredictor {
  const demos = (raw.demos as JsonValue[]).map((d, i) => {
    if (!isJsonObject(d))
      throw new ProgramImportError(`demo ${i + 1} is not an object`, `"${key}".demos`);
    return d;
  });
  const generation = detectGeneration(raw, hasMetadata, dspyVersion);
  const { layout, instructions, prefixes, instructionNote } = recoverLayout(
    key,
    raw,
    generation,
    demos,
    copaLayout,
  );
  const name = copaLayout?.name ?? stepName(key, layout.chainOfThought);
  const hint = opts.signatures?.[name] ?? opts.signatures?.[key];
  const warnings = [...layout.warnings];
  let inputs = layout.inputs;
  let outputs = layout.outputs;
  if (hint) {
    const parsed = parseHint(key, hint);
    inputs = [...parsed.inputs];
    outputs = parsed.outputs.filter((f) => f.name !== 'reasoning');
    warnings.length = 0;
  }

  let signature: Signature;
  try {
    signature = new Signature({ instruction: instructions, inputs, outputs });
  } catch (err) {
    const problem = err instanceof Error ? err.message : String(err);
    const fields = [...inputs, ...outputs];
    // DSPy always saves at least an input and an output: fewer means a damaged file.
    const advice =
      fields.length < 2
        ? ` The file gives this predictor ${fields.length === 0 ? 'no field' : `only the field "${fields[0]?.name ?? ''}"`}; DSPy saves every input field and then every output field, so the file was cut or edited by hand. Save the program again from DSPy and import that file.`
        : '';
    throw new ProgramImportError(`${problem}${advice} Nothing was saved.`, `"${key}"`);
  }
  if (prefixes) warnings.push(...prefixWarnings(key, signature, prefixes));
  if (instructionNote) warnings.push(instructionNote);
  if (generation === 'G0' && 'signature' in raw) warnings.push(unknownSignatureWarning(key));
  else if (generation === 'G0')
    warnings.push(
      `${key}: this file is from DSPy before 2.4 and stores no instruction; DSPy's default instruction was used.`,
    );

  const converted = convertDemos(key, demos, signature, layout.chainOfThought);
  warnings.push(...converted.warnings);
  if (isJsonObject(raw.lm)) warnings.push(ownLmWarning(key, raw.lm));
  return {
    step: {
      name,
      signature: signature.toJSON(),
      demos: converted.demos,
      chainOfThought: layout.chainOfThought,
    },
    generation,
    warnings,
    guessedTypes: !hint && !copaLayout,
  };
}

function detectGeneration(
  raw: JsonObject,
  hasMetadata: boolean,
  dspyVersion: string | undefined,
): DspyGeneration {
  if (isJsonObject(raw.signature) && Array.isArray(raw.signature.fields)) {
    if ('extended_signature' in raw || !hasMetadata) return 'G2';
    const [major = 0, minor = 0] = (dspyVersion ?? '').split('.').map(Number);
    return major > 2 || (major === 2 && minor >= 6) || !dspyVersion ? 'G3' : 'G2';
  }
  return typeof raw.signature_instructions === 'string' ? 'G1' : 'G0';
}

interface LayoutAndText {
  layout: RecoveredLayout;
  instructions: string | undefined;
  /** Stored prefixes by field name, to report custom ones that are not kept. */
  prefixes?: Record<string, string>;
  /** Said when the file's instruction is not text (a hand-made file) and another was used. */
  instructionNote?: string;
}

function recoverLayout(
  key: string,
  raw: JsonObject,
  generation: DspyGeneration,
  demos: JsonObject[],
  copaLayout: CopaFieldLayout | undefined,
): LayoutAndText {
  if (generation === 'G2' || generation === 'G3') {
    // 2.5.x ChainOfThought keeps the full (reasoning-bearing) signature as `extended_signature`.
    const sig = isJsonObject(raw.extended_signature)
      ? raw.extended_signature
      : (raw.signature as JsonObject);
    const instructions = typeof sig.instructions === 'string' ? sig.instructions : '';
    // DSPy always saves a string: anything else was made by hand, and got the default unsaid.
    const instructionNote =
      typeof sig.instructions === 'string'
        ? undefined
        : instructionNotTextWarning(
            key,
            `"${sig === raw.signature ? 'signature' : 'extended_signature'}.instructions"`,
            sig.instructions,
            "DSPy's default instruction",
          );
    const fields = (sig.fields as JsonValue[]).map((f, i): DspyFieldState => {
      if (!isJsonObject(f))
        throw new ProgramImportError(
          `field ${i + 1} is not an object`,
          `"${key}".signature.fields`,
        );
      return { prefix: String(f.prefix ?? ''), description: String(f.description ?? '') };
    });
    const layout = copaLayout
      ? fromCopa(copaLayout)
      : layoutFromFieldStates(key, fields, instructions, demos);
    const names = [
      ...layout.inputs.map((f) => f.name),
      ...(layout.chainOfThought ? ['reasoning'] : []),
      ...layout.outputs.map((f) => f.name),
    ];
    const prefixes: Record<string, string> = {};
    names.forEach((n, i) => {
      const f = fields[i];
      if (f && n !== 'reasoning') prefixes[n] = f.prefix;
    });
    return { layout, instructions, prefixes, ...(instructionNote ? { instructionNote } : {}) };
  }
  if (generation === 'G1') {
    // A G1 file has "signature_instructions" text; a ChainOfThought's extended one, when it is
    // text too, is the one DSPy used (an object there read as "[object Object]").
    const extended = raw.extended_signature_instructions;
    const instructions =
      typeof extended === 'string' ? extended : String(raw.signature_instructions ?? '');
    const instructionNote =
      extended === undefined || typeof extended === 'string'
        ? undefined
        : instructionNotTextWarning(
            key,
            '"extended_signature_instructions"',
            extended,
            'the one in "signature_instructions"',
          );
    const stored = Array.isArray(raw.fields) ? layoutFromG1Fields(raw.fields) : undefined;
    const layout = copaLayout
      ? fromCopa(copaLayout)
      : (stored ?? layoutFromDemos(key, demos, instructions));
    if (
      !layout.chainOfThought &&
      typeof raw.extended_signature_instructions === 'string' &&
      layout.outputs.length > 0
    )
      layout.chainOfThought = true;
    const last = layout.outputs[layout.outputs.length - 1];
    const lastPrefix = raw.extended_signature_prefix ?? raw.signature_prefix;
    const prefixes =
      last && typeof lastPrefix === 'string' ? { [last.name]: lastPrefix } : undefined;
    return {
      layout,
      instructions,
      ...(prefixes ? { prefixes } : {}),
      ...(instructionNote ? { instructionNote } : {}),
    };
  }
  // A "signature" DSPy never writes (no "fields" list): its instruction is still read, if any.
  const odd = 'signature' in raw ? raw.signature : undefined;
  const instructions =
    isJsonObject(odd) && typeof odd.instructions === 'string' ? odd.instructions : undefined;
  const layout = copaLayout ? fromCopa(copaLayout) : layoutFromDemos(key, demos, instructions);
  return { layout, instructions };
}

function fromCopa(l: CopaFieldLayout): RecoveredLayout {
  return { inputs: l.inputs, outputs: l.outputs, chainOfThought: l.chainOfThought, warnings: [] };
}

/** Our step name: 2.6+ ChainOfThought `x.predict` becomes `x`; a bare top-level CoT becomes `self`. */
function stepName(key: string, chainOfThought: boolean): string {
  if (!chainOfThought) return key;
  if (key === 'predict' || key === '_predict') return 'self';
  for (const suffix of ['.predict', '._predict'])
    if (key.endsWith(suffix)) return key.slice(0, -suffix.length);
  return key;
}

function parseHint(key: string, hint: string): Signature {
  try {
    return Signature.parse(hint);
  } catch (err) {
    throw new ProgramImportError(
      err instanceof Error ? err.message : String(err),
      `the signature given for "${key}"`,
    );
  }
}

function prefixWarnings(
  key: string,
  signature: Signature,
  prefixes: Record<string, string>,
): string[] {
  const out: string[] = [];
  for (const f of signature.fields) {
    const stored = prefixes[f.name];
    if (stored !== undefined && stored !== `${inferPrefix(f.name)}:`)
      out.push(
        `${key}: the custom prefix "${stored}" of field "${f.name}" was not kept (the playground's prompts, like DSPy's ChatAdapter, do not use prefixes).`,
      );
  }
  return out;
}

/** The kind of a JSON value that is not an object, in words. */
function jsonKind(json: unknown): string {
  if (Array.isArray(json)) return `a list of ${json.length} items`;
  if (json === null) return 'null';
  return `a ${typeof json === 'string' ? 'string' : typeof json}`;
}

/** The file's top-level keys, said (the first few), for a file with no predictor among them. */
function keysSaid(parameters: JsonObject): string {
  const keys = Object.keys(parameters).filter((k) => k !== 'metadata');
  if (keys.length === 0) return 'this file has none';
  const shown = keys.slice(0, 5).map((k) => `"${k}"`);
  return `none of this file's keys (${shown.join(', ')}${keys.length > 5 ? ', …' : ''}) is one`;
}
