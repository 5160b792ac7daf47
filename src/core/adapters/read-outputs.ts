/** Turning per-field answer text into output values, and the ParseError when that fails. */
import { ParseError } from '../errors';
import type { FieldValues } from '../example';
import type { FieldSpec } from '../signature';
import { readFieldText } from './field-values';
import { marker } from './markers';

/** Reads every output from its section text; one ParseError lists every field that failed. */
export function readOutputs(
  outputs: readonly FieldSpec[],
  sections: Record<string, string>,
  rawText: string,
): FieldValues {
  const values: FieldValues = {};
  const missing: string[] = [];
  const problems: FieldProblem[] = [];
  for (const field of outputs) {
    const section = sections[field.name];
    if (section === undefined) {
      missing.push(field.name);
      continue;
    }
    const reading = readFieldText(field, section);
    if (reading.ok) values[field.name] = reading.value;
    else problems.push({ field: field.name, message: reading.problem });
  }
  if (missing.length === 0 && problems.length === 0) return values;
  throw parseFailure(missing, problems, rawText, (name) => marker(name));
}

/** A field whose section was found but whose value could not be read. */
export interface FieldProblem {
  field: string;
  message: string;
}

/** The ParseError for missing fields and unreadable values; `show` renders a field's header. */
export function parseFailure(
  missing: readonly string[],
  problems: readonly FieldProblem[],
  rawText: string,
  show: (name: string) => string,
): ParseError {
  const parts: string[] = [];
  if (rawText.trim() === '') parts.push('The model returned an empty answer.');
  else if (missing.length > 0)
    parts.push(
      `The model's answer is missing ${missing.length === 1 ? 'the field' : 'the fields'} ` +
        `${missing.map((n) => `"${n}"`).join(', ')} (expected ${missing.map(show).join(', ')}).`,
    );
  parts.push(...problems.map((p) => p.message));
  // missingFields names every field that could not be read, absent or malformed.
  return new ParseError(parts.join(' '), rawText, [...missing, ...problems.map((p) => p.field)]);
}
