/**
 * The chat format with field markers, a leaner version of DSPy's ChatAdapter (see
 * dspy-chat-adapter.ts, which keeps DSPy's own wording). The system message is sent again with every
 * call (WebLLM has no prefix cache across requests), so it says only what the model needs: the
 * fields with their types and the instruction. DSPy's structure section (intro, placeholders,
 * repeated type notes) and an answer layout are left out: the output markers,
 * which parsing relies on, are named in order by the line that closes every final user turn
 * ("Respond with [[ ## reasoning ## ]], then [[ ## answer ## ]].", right where the model starts
 * writing) and shown by every demo; a layout block in the system message said it a second time
 * for 13 tokens a call. Demos are user and assistant turns, as in DSPy.
 *
 * What a reader of DSPy-style prompts keys on stays as DSPy writes it, though shorter wording
 * would do: the instruction follows DSPy's own objective sentence, indented (about 9 tokens a
 * call more than "Your objective is:"), and labels are listed with commas as in the app's
 * earlier format, with `;` only when a label holds a comma. A model, a tool or a person who learned the format
 * from DSPy's prompts finds the instruction and the label list where it looks for them.
 *
 * DSPy ends every answer, demos' too, with a `[[ ## completed ## ]]` marker. In a chat the
 * assistant turn already ends with the template's end-of-turn token, which is where a chat model
 * stops on its own; the marker costs about 6 prompt tokens per demo and as many generated tokens
 * per call, and the parser never needed it. So the lean format neither shows nor asks for it
 * (a model that writes it anyway still stops there: it stays a stop string).
 */
import { ParseError } from '../errors';
import type { Demo, FieldValues } from '../example';
import type { ChatMessage } from '../lm';
import type { Signature } from '../signature';
import type { Adapter } from './adapter';
import { fieldTypeTag, formatFieldValue } from './field-values';
import {
  COMPLETED_MARKER,
  formatSections,
  hasMarkers,
  marker,
  readMarkerSections,
  stripFences,
} from './markers';
import {
  buildConversation,
  fieldDescriptions,
  objectiveSection,
  presentOutputs,
} from './prompt-parts';
import { readOutputs } from './read-outputs';
import { jsonAdapter } from './json-adapter';
import {
  readPrefixedSections,
  withoutLeadingHeader,
  withPrefixedOutputs,
} from './prefixed-sections';

/** The system message of the chat format. */
export function chatSystemMessage(signature: Signature): string {
  return [fieldDescriptions(signature, fieldTypeTag), objectiveSection(signature)].join('\n');
}

/** The line closing the final user turn: which markers to write, in order. */
export function chatOutputRequest(signature: Signature): string {
  return `Respond with ${signature.outputs.map((f) => marker(f.name)).join(', then ')}.`;
}

/** A demo's assistant turn: the outputs it has (the turn's end closes it, see above). */
function demoAnswer(signature: Signature, demo: Demo): string {
  return formatSections(
    presentOutputs(signature, demo).map(([f, value]) => [f.name, formatFieldValue(value)] as const),
  );
}

function format(signature: Signature, demos: readonly Demo[], inputs: FieldValues): ChatMessage[] {
  const wording = { system: chatSystemMessage, demoAnswer, outputRequest: chatOutputRequest };
  return buildConversation(wording, signature, demos, inputs);
}

function parse(signature: Signature, text: string): FieldValues {
  const names = signature.outputs.map((f) => f.name);
  const body = stripFences(text);
  const only = signature.outputs.length === 1 ? signature.outputs[0] : undefined;
  // A lone output answered without its marker (`billing\n\n[[ ## completed ## ]]`, or no marker
  // at all): the text before any completed marker is that output. Unambiguous only when no
  // other field's marker appears.
  const unmarked = only ? unmarkedAnswer(body) : null;
  if (only && unmarked !== null)
    return readOutputs(
      signature.outputs,
      { [only.name]: withoutLeadingHeader(unmarked, only.name) },
      text,
    );
  if (hasMarkers(body))
    return readOutputs(
      signature.outputs,
      withPrefixedOutputs(readMarkerSections(body, names), names),
      text,
    );
  // No field markers at all, as a small model may answer: a JSON object (DSPy's ChatAdapter
  // falls back to its JSONAdapter too), or `Name: value` lines (DSPy's older template). Read
  // as they are, they cost no retry.
  if (body.startsWith('{')) {
    try {
      return jsonAdapter.parse(signature, text);
    } catch (err) {
      // Not an object of the outputs: read it as lines, and say what the chat format expects.
      if (!(err instanceof ParseError)) throw err;
    }
  }
  return readOutputs(signature.outputs, readPrefixedSections(body, names), text);
}

/** The answer text when every marker in it is the completed marker; null otherwise. */
function unmarkedAnswer(body: string): string | null {
  if (!hasMarkers(body)) return body === '' ? null : body;
  const other = Object.keys(readMarkerSections(body)).some((n) => n.toLowerCase() !== 'completed');
  if (other) return null;
  const before = body.slice(0, body.search(/\[\[\s*##/)).trim();
  return before === '' ? null : before;
}

/**
 * A model that writes the completed marker anyway (DSPy's habit) stops there: nothing after it
 * is read, so nothing is paid.
 */
function stop(): string[] {
  return [COMPLETED_MARKER];
}

/** The field-marker chat format (DSPy's ChatAdapter). */
export const chatAdapter: Adapter = {
  name: 'chat',
  format,
  parse,
  stop,
  formatReminder: chatOutputRequest,
};
