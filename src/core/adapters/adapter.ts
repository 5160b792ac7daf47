import type { Demo, FieldValues } from '../example';
import type { JsonObject } from '../json';
import type { ChatMessage } from '../lm';
import type { Signature } from '../signature';

/**
 * Turns a signature, its demos and the inputs into chat messages, and the model's text back
 * into output field values. Pure functions: no model, no state.
 */
export interface Adapter {
  readonly name: 'chat' | 'json';
  format(signature: Signature, demos: readonly Demo[], inputs: FieldValues): ChatMessage[];
  /** Reads the output fields; throws ParseError (keeping the raw text) when it cannot. */
  parse(signature: Signature, text: string): FieldValues;
  /** A JSON schema for schema-constrained decoding, when the adapter wants one. */
  responseSchema?(signature: Signature): JsonObject;
  /** Stop strings that end an answer (the chat format's completed marker). */
  stop?(signature: Signature): string[];
  /** One sentence reminding the model of the answer format (fed back after a parse failure). */
  formatReminder?(signature: Signature): string;
}
