/**
 * The JSON format, modeled on DSPy's JSONAdapter: the same system message and input layout as
 * the chat format, but the model answers with one JSON object, which an engine can enforce with
 * a JSON schema (`responseSchema`, e.g. WebLLM's response_format json_object + schema).
 */
import type { Demo, FieldValues } from '../example';
import { isJsonObject, type JsonObject, type JsonValue } from '../json';
import type { ChatMessage } from '../lm';
import type { FieldSpec, Signature } from '../signature';
import type { Adapter } from './adapter';
import { parseJsonLoosely, readFieldJson } from './field-values';
import { formatSections, hasMarkers, readMarkerSections, stripFences } from './markers';
import { readPrefixedSections, withoutLeadingHeader } from './prefixed-sections';
import {
  buildConversation,
  fieldDescriptions,
  fieldPlaceholder,
  objectiveSection,
  presentOutputs,
  STRUCTURE_INTRO,
} from './prompt-parts';
import { parseFailure, readEachOutput, readOutputs } from './read-outputs';

/** The system message of the JSON format. */
export function jsonSystemMessage(signature: Signature): string {
  const shape: JsonObject = {};
  for (const f of signature.outputs) shape[f.name] = fieldPlaceholder(f);
  const structure = [
    STRUCTURE_INTRO,
    'Inputs will have the following structure:',
    formatSections(signature.inputs.map((f) => [f.name, fieldPlaceholder(f)] as const)),
    'Outputs will be a JSON object with the following fields, in this order.',
    JSON.stringify(shape, null, 2),
  ].join('\n\n');
  return [fieldDescriptions(signature), structure, objectiveSection(signature)].join('\n');
}

/** The sentence closing the final user turn. */
export function jsonOutputRequest(signature: Signature): string {
  const fields = signature.outputs.map((f) => `\`${f.name}\``).join(', then ');
  return `Respond with a JSON object in the following order of fields: ${fields}.`;
}

/** JSON schema of the output object, for schema-constrained decoding. */
export function responseSchema(signature: Signature): JsonObject {
  const properties: JsonObject = {};
  for (const f of signature.outputs) properties[f.name] = fieldSchema(f);
  return {
    type: 'object',
    properties,
    required: signature.outputs.map((f) => f.name),
    additionalProperties: false,
  };
}

function fieldSchema(field: FieldSpec): JsonObject {
  switch (field.type) {
    case 'text':
      return { type: 'string' };
    case 'number':
      return { type: 'number' };
    case 'label':
      return { type: 'string', enum: [...(field.labels ?? [])] };
    case 'list':
      return { type: 'array' };
    case 'json':
      return {};
  }
}

/** A demo's assistant turn: its outputs as a JSON object, values in the field's type. */
function demoAnswer(signature: Signature, demo: Demo): string {
  const answer: JsonObject = {};
  for (const [f, value] of presentOutputs(signature, demo)) {
    const reading = readFieldJson(f, value);
    answer[f.name] = reading.ok ? reading.value : value;
  }
  return JSON.stringify(answer, null, 2);
}

function format(signature: Signature, demos: readonly Demo[], inputs: FieldValues): ChatMessage[] {
  const wording = { system: jsonSystemMessage, demoAnswer, outputRequest: jsonOutputRequest };
  return buildConversation(wording, signature, demos, inputs);
}

function parse(signature: Signature, text: string): FieldValues {
  const body = stripFences(text);
  const object = firstObject(body);
  if (object) return readObject(signature.outputs, object, text);
  // No JSON object: accept a field-marker answer, or plain text for a lone non-JSON output.
  const only = signature.outputs.length === 1 ? signature.outputs[0] : undefined;
  if (hasMarkers(body))
    return readOutputs(
      signature.outputs,
      readMarkerSections(
        body,
        signature.outputs.map((f) => f.name),
      ),
      text,
    );
  if (only && only.type !== 'json' && body !== '')
    return readOutputs(
      signature.outputs,
      { [only.name]: withoutLeadingHeader(body, only.name) },
      text,
    );
  // `Name: value` lines, as a model not held to the schema (a local server's) may write them.
  const lines = readPrefixedSections(
    body,
    signature.outputs.map((f) => f.name),
  );
  if (Object.keys(lines).length > 0) return readOutputs(signature.outputs, lines, text);
  throw parseFailure(
    signature.outputs.map((f) => f.name),
    [],
    text,
    (name) => `a JSON object with the key "${name}"`,
  );
}

/** The answer itself when it is a JSON object, else the first {...} in it that parses. */
function firstObject(text: string): JsonObject | undefined {
  const direct = parseJsonLoosely(text);
  if (isJsonObject(direct)) return direct;
  const embedded = parseJsonLoosely(text, '{');
  return isJsonObject(embedded) ? embedded : undefined;
}

function readObject(
  outputs: readonly FieldSpec[],
  object: JsonObject,
  rawText: string,
): FieldValues {
  return readEachOutput(
    outputs,
    (field) => {
      const value = valueForKey(object, field.name);
      return value === undefined || value === null ? undefined : readFieldJson(field, value);
    },
    rawText,
    (name) => `the key "${name}"`,
  );
}

/** The value under a key, matching the key case-insensitively when there is no exact match. */
function valueForKey(object: JsonObject, key: string): JsonValue | undefined {
  if (key in object) return object[key];
  const found = Object.keys(object).find((k) => k.toLowerCase() === key.toLowerCase());
  return found === undefined ? undefined : object[found];
}

/** The JSON format (DSPy's JSONAdapter) with a response schema for constrained decoding. */
export const jsonAdapter: Adapter = {
  name: 'json',
  format,
  parse,
  responseSchema,
  formatReminder: jsonOutputRequest,
};
