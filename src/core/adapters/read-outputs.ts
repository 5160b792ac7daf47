/** Turning per-field answer text into output values, and the ParseError when that fails. */
import { ParseError } from '../errors';
import type { FieldValues } from '../example';
import type { FieldSpec } from '../signature';
import { readFieldText, type FieldReading } from './field-values';
import { marker } from './markers';

/** Reads every output from its section text; one ParseError lists every field that failed. */
export function readOutputs(
  outputs: readonly FieldSpec[],
  sections: Record<string, string>,
  rawText: string,
): FieldValues {
  return readEachOutput(
    outputs,
    (field) => {
      const section = sections[field.name];
      return section === undefined ? undefined : readFieldText(field, section);
    },
    rawText,
    marker,
  );
}

/**
 * Reads each output with `read` (undefined: the field is absent) and throws one ParseError
 * listing every absent or unreadable field; `show` names where a field was expected.
 */
export function readEachOutput(
  outputs: readonly FieldSpec[],
  read: (field: FieldSpec) => FieldReading | undefined,
  rawText: string,
  show: (name: string) => string,
): FieldValues {
  const values: FieldValues = {};
  const missing: string[] = [];
  const problems: FieldProblem[] = [];
  for (const field of outputs) {
    const reading = read(field);
    if (reading === undefined) missing.push(field.name);
    else if (reading.ok) values[field.name] = reading.value;
    else problems.push({ field: field.name, message: reading.problem });
  }
  if (missing.length === 0 && problems.length === 0) return values;
  throw parseFailure(missing, problems, rawText, show);
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
