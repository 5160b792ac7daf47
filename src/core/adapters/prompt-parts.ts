/** Prompt pieces shared by the chat and JSON formats (both follow DSPy's adapters). */
import { CopaError } from '../errors';
import type { Demo, FieldValues } from '../example';
import type { JsonValue } from '../json';
import type { ChatMessage } from '../lm';
import type { FieldSpec, Signature } from '../signature';
import { fieldTypeNote, fieldTypeTag, formatFieldValue } from './field-values';
import { formatSections } from './markers';

/** "Your input fields are: 1. `question` (text): ..." for both sides. */
export function fieldDescriptions(
  signature: Signature,
  tag: (field: FieldSpec) => string = fieldTypeTag,
): string {
  const list = (fields: readonly FieldSpec[]): string =>
    fields
      .map((f, i) => {
        const desc = f.description.trim() ? `: ${f.description.trim()}` : '';
        return `${i + 1}. \`${f.name}\` (${tag(f)})${desc}`;
      })
      .join('\n');
  return [
    'Your input fields are:',
    list(signature.inputs),
    'Your output fields are:',
    list(signature.outputs),
  ].join('\n');
}

export const STRUCTURE_INTRO =
  'All interactions will be structured in the following way, with the appropriate values filled in.';

/** A field's placeholder in the structure section, with its type note: `{answer}`. */
export function fieldPlaceholder(field: FieldSpec): string {
  const note = fieldTypeNote(field);
  return note ? `{${field.name}}        ${note}` : `{${field.name}}`;
}

/** The instruction, each line indented by 8 spaces as DSPy does. */
export function objectiveSection(signature: Signature): string {
  const lines = signature.instruction.split('\n').map((l) => `        ${l}`);
  return `In adhering to this structure, your objective is: \n${lines.join('\n')}`;
}

/** The inputs laid out as marker sections; every input must be present. */
export function inputSections(signature: Signature, inputs: FieldValues): string {
  return formatSections(
    signature.inputs.map((f) => {
      const value = inputs[f.name];
      if (!isPresent(value))
        throw new CopaError(
          'MissingInputError',
          `The input "${f.name}" has no value; every input of "${signature.toString()}" is needed.`,
        );
      return [f.name, formatFieldValue(value)] as const;
    }),
  );
}

/**
 * The demos worth showing: a demo missing an input is skipped, a demo with no output at all too.
 * Missing outputs (e.g. a labeled demo without reasoning) are left to the caller to omit.
 */
export function usableDemos(signature: Signature, demos: readonly Demo[]): Demo[] {
  return demos.filter(
    (d) =>
      signature.inputs.every((f) => isPresent(d.data[f.name])) &&
      signature.outputs.some((f) => isPresent(d.data[f.name])),
  );
}

/** The outputs a demo has, in signature order. */
export function presentOutputs(signature: Signature, demo: Demo): [FieldSpec, JsonValue][] {
  const out: [FieldSpec, JsonValue][] = [];
  for (const f of signature.outputs) {
    const value = demo.data[f.name];
    if (isPresent(value)) out.push([f, value]);
  }
  return out;
}

/** Null and undefined count as "no value". */
export function isPresent(value: JsonValue | undefined): value is JsonValue {
  return value !== undefined && value !== null;
}

/** How one adapter words its prompt: the system message, a demo's answer and the final request. */
export interface PromptWording {
  system(signature: Signature): string;
  demoAnswer(signature: Signature, demo: Demo): string;
  outputRequest(signature: Signature): string;
}

/** The conversation both adapters send: system, demos as user/assistant turns, the final turn. */
export function buildConversation(
  wording: PromptWording,
  signature: Signature,
  demos: readonly Demo[],
  inputs: FieldValues,
): ChatMessage[] {
  const messages: ChatMessage[] = [{ role: 'system', content: wording.system(signature) }];
  for (const demo of usableDemos(signature, demos)) {
    messages.push({ role: 'user', content: inputSections(signature, demo.data) });
    messages.push({ role: 'assistant', content: wording.demoAnswer(signature, demo) });
  }
  messages.push({
    role: 'user',
    content: `${inputSections(signature, inputs)}\n\n${wording.outputRequest(signature)}`,
  });
  return messages;
}
