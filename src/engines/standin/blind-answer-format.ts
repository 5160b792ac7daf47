/**
 * How the blind reader lays out its answer: `[[ ## field ## ]]` sections as the demos show, or
 * one JSON object when the prompt asks for one (the JSON format), and the generation limits of
 * a real engine: stop strings and the token cap.
 */
import { parseJsonLoosely } from '../../core/adapters/field-values';
import { formatSections } from '../../core/adapters/markers';
import type { JsonValue } from '../../core/json';
import type { LMRequest, LMResponse } from '../../core/lm';
import { bareRecord } from '../../core/reserved-names';
import type { BlindField } from './blind-prompt';

export interface WrittenField {
  field: BlindField;
  value: string;
}

export function layOut(fields: readonly WrittenField[], json: boolean): string {
  if (!json) return formatSections(fields.map((f) => [f.field.name, f.value] as const));
  const object = bareRecord<JsonValue>();
  for (const { field, value } of fields) object[field.name] = typed(field, value);
  return JSON.stringify(object, null, 2);
}

/** A value in its field's JSON type: a number as a number, a list or JSON as parsed JSON. */
function typed(field: BlindField, value: string): JsonValue {
  if (field.kind === 'number') {
    const n = Number(value);
    return Number.isFinite(n) && value.trim() !== '' ? n : value;
  }
  if (field.kind === 'list' || field.kind === 'json') return parseJsonLoosely(value) ?? value;
  return value;
}

/** Cut at the first stop string (a stop), then at about maxTokens * 4 characters (a length cut). */
export function finish(
  text: string,
  request: LMRequest,
): Pick<LMResponse, 'text' | 'finishReason'> {
  let out = text;
  let cutAt = -1;
  for (const s of request.stop ?? []) {
    if (s === '') continue;
    const at = out.indexOf(s);
    if (at >= 0 && (cutAt < 0 || at < cutAt)) cutAt = at;
  }
  if (cutAt >= 0) out = out.slice(0, cutAt);
  const cap = Math.max(0, Math.floor(request.maxTokens * 4));
  if (out.length > cap) return { text: out.slice(0, cap), finishReason: 'length' };
  return { text: out, finishReason: 'stop' };
}
