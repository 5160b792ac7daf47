import type { FieldSpec } from '../signature';
import { isJsonObject, type JsonObject, type JsonValue } from '../json';
import { APP_NAME, APP_VERSION } from './app-info';

/**
 * The playground's own field layout, written into a DSPy export's `metadata.copa_playground`
 * (DSPy's loader reads only `metadata.dependency_versions`), so a program exported to DSPy and
 * imported back keeps its field types and its input/output split, which DSPy does not store.
 */
export interface CopaFieldLayout {
  name: string;
  chainOfThought: boolean;
  inputs: FieldSpec[];
  outputs: FieldSpec[];
}

export const COPA_LAYOUT_KEY = 'copa_playground';
export const COPA_LAYOUT_VERSION = 1;

/**
 * The oldest DSPy whose `load()` reads the export's layout: 2.6.0 is the first release with
 * ChainOfThought's inner `.predict` and without `extended_signature` (../shared/dspy-save-format.md).
 */
export const DSPY_LAYOUT_MIN_VERSION = '2.6.0';

export function layoutToJson(
  description: string,
  layouts: Record<string, CopaFieldLayout>,
): JsonObject {
  const predictors: JsonObject = {};
  for (const [dspyName, l] of Object.entries(layouts))
    predictors[dspyName] = {
      name: l.name,
      chainOfThought: l.chainOfThought,
      inputs: l.inputs.map(fieldToJson),
      outputs: l.outputs.map(fieldToJson),
    };
  // The app's name and version, and the oldest DSPy the layout is for, stand here rather than in
  // `dependency_versions`, which DSPy compares with its own Python/DSPy versions.
  return {
    version: COPA_LAYOUT_VERSION,
    app: APP_NAME,
    app_version: APP_VERSION,
    dspy_layout_min_version: DSPY_LAYOUT_MIN_VERSION,
    description,
    predictors,
  };
}

function fieldToJson(f: FieldSpec): JsonObject {
  const out: JsonObject = { name: f.name, description: f.description, type: f.type };
  if (f.labels) out.labels = [...f.labels];
  return out;
}

/** Reads the layout back; anything malformed yields undefined (the file is then read as plain DSPy). */
export function layoutFromJson(
  value: JsonValue | undefined,
): { description: string; predictors: Record<string, CopaFieldLayout> } | undefined {
  if (!isJsonObject(value) || value.version !== COPA_LAYOUT_VERSION) return undefined;
  if (!isJsonObject(value.predictors)) return undefined;
  const predictors: Record<string, CopaFieldLayout> = {};
  for (const [dspyName, raw] of Object.entries(value.predictors)) {
    if (!isJsonObject(raw) || typeof raw.name !== 'string') return undefined;
    const inputs = fieldsFromJson(raw.inputs);
    const outputs = fieldsFromJson(raw.outputs);
    if (!inputs || !outputs) return undefined;
    predictors[dspyName] = {
      name: raw.name,
      chainOfThought: raw.chainOfThought === true,
      inputs,
      outputs,
    };
  }
  return {
    description: typeof value.description === 'string' ? value.description : '',
    predictors,
  };
}

function fieldsFromJson(value: JsonValue | undefined): FieldSpec[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const out: FieldSpec[] = [];
  for (const f of value) {
    if (!isJsonObject(f) || typeof f.name !== 'string' || typeof f.type !== 'string')
      return undefined;
    const labels = Array.isArray(f.labels)
      ? f.labels.filter((l): l is string => typeof l === 'string')
      : undefined;
    out.push({
      name: f.name,
      description: typeof f.description === 'string' ? f.description : '',
      type: f.type as FieldSpec['type'],
      ...(labels ? { labels } : {}),
    });
  }
  return out;
}
