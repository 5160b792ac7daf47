import * as v from 'valibot';
import type { Demo, FieldValues } from '../example';
import type { JsonValue } from '../json';
import type { PredictorStateData, ProgramState } from '../program';
import { isReservedName, RESERVED_NAME_REASON } from '../reserved-names';
import type { FieldSpec } from '../signature';
import { PROGRAM_LIMITS as L } from './program-limits';

/*
 * The whole shape of a program, checked before anything is saved and when a stored one is read
 * back: every step, field, label and demo, with the limits of PROGRAM_LIMITS. Objects are loose
 * (unknown keys are kept), so a record written by a later version still reads.
 */

const FIELD_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

const name = v.pipe(
  v.string(),
  v.maxLength(L.nameChars, `is longer than ${L.nameChars} characters`),
  v.regex(FIELD_NAME, 'is not a name of letters, digits and underscores'),
  v.check((n) => !isReservedName(n), `is reserved: ${RESERVED_NAME_REASON}`),
);

const text = (max: number): v.GenericSchema<string> =>
  v.pipe(v.string(), v.maxLength(max, `is longer than ${max.toLocaleString('en')} characters`));

const fieldSpec: v.GenericSchema<FieldSpec> = v.looseObject({
  name,
  description: v.optional(text(L.descriptionChars), ''),
  type: v.picklist(['text', 'number', 'label', 'list', 'json']),
  labels: v.optional(
    v.pipe(
      v.array(
        v.pipe(
          v.string(),
          v.minLength(1, 'is an empty label'),
          v.maxLength(L.labelChars, `is longer than ${L.labelChars} characters`),
        ),
      ),
      v.maxLength(L.labelsPerField, `has more than ${L.labelsPerField} labels`),
    ),
  ),
}) as v.GenericSchema<FieldSpec>;

const demoValue: v.GenericSchema<JsonValue> = v.pipe(
  v.custom<JsonValue>(
    (value) => value !== undefined && JSON.stringify(value) !== undefined,
    'is not a JSON value',
  ),
  v.check(
    (value) =>
      (typeof value === 'string' ? value : JSON.stringify(value)).length <= L.demoValueChars,
    `is longer than ${L.demoValueChars.toLocaleString('en')} characters`,
  ),
);

const demo: v.GenericSchema<Demo> = v.looseObject({
  data: v.record(name, demoValue) as v.GenericSchema<FieldValues>,
  augmented: v.optional(v.boolean(), false),
  sourceId: v.optional(v.string()),
}) as v.GenericSchema<Demo>;

const fieldList = v.pipe(
  v.array(fieldSpec),
  v.minLength(1, 'needs at least one field'),
  v.maxLength(L.fieldsPerStep, `has more than ${L.fieldsPerStep} fields`),
);

const step: v.GenericSchema<PredictorStateData> = v.looseObject({
  name: v.pipe(
    v.string(),
    v.minLength(1, 'is empty'),
    v.maxLength(L.nameChars, `is longer than ${L.nameChars} characters`),
  ),
  signature: v.looseObject({
    instruction: text(L.instructionChars),
    inputs: fieldList,
    outputs: fieldList,
  }),
  demos: v.pipe(
    v.array(demo),
    v.maxLength(L.demosPerStep, `has more than ${L.demosPerStep} demos`),
  ),
  chainOfThought: v.optional(v.boolean(), false),
}) as v.GenericSchema<PredictorStateData>;

/** A program's plain state, checked deeply and within PROGRAM_LIMITS. */
export const programStateSchema: v.GenericSchema<unknown, ProgramState> = v.looseObject({
  version: v.literal(1),
  description: v.optional(text(L.descriptionChars), ''),
  steps: v.pipe(
    v.array(step),
    v.minLength(1, 'needs at least one step'),
    v.maxLength(L.steps, `has more than ${L.steps} steps`),
  ),
}) as v.GenericSchema<unknown, ProgramState>;

/** Where the first problem is ("steps.0.demos.3.data") and what it is, for a message. */
export function firstIssue(issues: readonly v.BaseIssue<unknown>[]): {
  path: string;
  problem: string;
} {
  const first = issues[0];
  if (!first) return { path: '', problem: 'does not have the expected shape' };
  const path = v.getDotPath(first) ?? '';
  const problem =
    first.type === 'custom' || first.kind === 'validation'
      ? first.message
      : `is ${first.received === 'undefined' ? 'missing' : first.received}, expected ${expectedWords(first.expected)}`;
  return { path, problem };
}

const EXPECTED_WORDS: Readonly<Record<string, string>> = {
  Object: 'an object',
  Array: 'a list',
  string: 'text',
  number: 'a number',
  boolean: 'true or false',
};

function expectedWords(expected: string | null): string {
  return expected === null ? 'something else' : (EXPECTED_WORDS[expected] ?? expected);
}

/**
 * Checks a program's state; returns it (with defaults filled in) or a message naming the first
 * problem and where it is ("steps.0.signature.outputs.0.labels.1 is null, expected string").
 */
export function checkProgramState(
  value: unknown,
): { ok: true; program: ProgramState } | { ok: false; message: string } {
  const parsed = v.safeParse(programStateSchema, value);
  if (parsed.success) return { ok: true, program: parsed.output };
  const { path, problem } = firstIssue(parsed.issues);
  return { ok: false, message: path ? `"${path}" ${problem}` : problem };
}
