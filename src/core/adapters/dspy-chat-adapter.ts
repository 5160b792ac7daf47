/**
 * DSPy's ChatAdapter wording (dspy/adapters/chat_adapter.py): a system message describing the
 * fields, the structure and the instruction; each demo as a user turn (inputs) and an assistant
 * turn (outputs); the inputs as the final user turn. The app's own chat format (chat-adapter.ts)
 * is a leaner version of it; this one is kept to measure against (the bench's DSPy figures).
 */
import type { Demo, FieldValues } from '../example';
import type { ChatMessage } from '../lm';
import type { Signature } from '../signature';
import type { Adapter } from './adapter';
import { formatFieldValue } from './field-values';
import { COMPLETED_MARKER, formatSections, marker } from './markers';
import {
  buildConversation,
  fieldDescriptions,
  fieldPlaceholder,
  objectiveSection,
  presentOutputs,
  STRUCTURE_INTRO,
} from './prompt-parts';
import { chatAdapter } from './chat-adapter';

/** The system message of the chat format. */
export function dspyChatSystemMessage(signature: Signature): string {
  const structure = [
    STRUCTURE_INTRO,
    formatSections(signature.inputs.map((f) => [f.name, fieldPlaceholder(f)] as const)),
    formatSections(signature.outputs.map((f) => [f.name, fieldPlaceholder(f)] as const)),
    COMPLETED_MARKER,
  ].join('\n\n');
  return [fieldDescriptions(signature), structure, objectiveSection(signature)].join('\n');
}

/** The sentence closing the final user turn: which output markers to write, in order. */
export function dspyChatOutputRequest(signature: Signature): string {
  const fields = signature.outputs.map((f) => `\`${marker(f.name)}\``).join(', then ');
  return (
    `Respond with the corresponding output fields, starting with the field ${fields}, ` +
    `and then ending with the marker for \`${COMPLETED_MARKER}\`.`
  );
}

/** A demo's assistant turn: the outputs it has, then the completed marker. */
function demoAnswer(signature: Signature, demo: Demo): string {
  const sections = presentOutputs(signature, demo).map(
    ([f, value]) => [f.name, formatFieldValue(value)] as const,
  );
  return `${formatSections(sections)}\n\n${COMPLETED_MARKER}`;
}

function format(signature: Signature, demos: readonly Demo[], inputs: FieldValues): ChatMessage[] {
  const wording = {
    system: dspyChatSystemMessage,
    demoAnswer,
    outputRequest: dspyChatOutputRequest,
  };
  return buildConversation(wording, signature, demos, inputs);
}

/** DSPy's ChatAdapter wording, reading answers as the app's chat format does. */
export const dspyChatAdapter: Adapter = {
  ...chatAdapter,
  format,
  formatReminder: dspyChatOutputRequest,
};
