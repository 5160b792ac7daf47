import type { Adapter } from '../adapters/adapter';
import { chatAdapter } from '../adapters/chat-adapter';
import type { FieldValues } from '../example';
import type { ChatMessage } from '../lm';
import { effectiveSignature, type PredictorStateData, type ProgramState } from '../program';
import { Signature } from '../signature';

/** One predictor's prompt as OpenAI-style chat messages, inputs left as `{name}` placeholders. */
export interface PredictorPrompt {
  predictor: string;
  inputFields: string[];
  /** The outputs the model writes, reasoning included for ChainOfThought. */
  outputFields: string[];
  messages: ChatMessage[];
}

/** The placeholder written where an input value goes, e.g. `{question}`. */
export function inputPlaceholder(name: string): string {
  return `{${name}}`;
}

/**
 * Each predictor's full prompt (system message, few-shot user/assistant turns, final user turn
 * with `{field}` placeholders), formatted exactly as the playground sends it to the model.
 */
export function exportMessages(
  state: ProgramState,
  adapter: Adapter = chatAdapter,
): PredictorPrompt[] {
  return state.steps.map((step) => predictorPrompt(step, adapter));
}

function predictorPrompt(step: PredictorStateData, adapter: Adapter): PredictorPrompt {
  const signature = effectiveSignature({
    name: step.name,
    signature: Signature.fromJSON(step.signature),
    demos: step.demos,
    chainOfThought: step.chainOfThought,
  });
  const inputs: FieldValues = {};
  for (const f of signature.inputs) inputs[f.name] = inputPlaceholder(f.name);
  return {
    predictor: step.name,
    inputFields: signature.inputs.map((f) => f.name),
    outputFields: signature.outputs.map((f) => f.name),
    messages: adapter.format(signature, step.demos, inputs),
  };
}

/** The messages export as a JSON file: one entry per predictor, ready for an OpenAI-style API. */
export function messagesExportText(state: ProgramState, adapter: Adapter = chatAdapter): string {
  const predictors = exportMessages(state, adapter);
  return `${JSON.stringify({ format: 'openai-messages', predictors }, null, 2)}\n`;
}

/** The prompts as plain text with role headings, to paste into any chat tool. */
export function exportPlainText(state: ProgramState, adapter: Adapter = chatAdapter): string {
  const prompts = exportMessages(state, adapter);
  const parts = prompts.map((p) => {
    const heading = prompts.length > 1 ? `# Predictor: ${p.predictor}\n\n` : '';
    const turns = p.messages
      .map((m) => `=== ${m.role.toUpperCase()} ===\n${m.content}`)
      .join('\n\n');
    const note = `Replace ${p.inputFields.map(inputPlaceholder).join(', ')} with your input.`;
    return `${heading}${note}\n\n${turns}\n`;
  });
  return parts.join('\n');
}
