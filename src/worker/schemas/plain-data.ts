import * as v from 'valibot';
import type { ConstraintSpec } from '../../core/constraints';
import type { Demo, Example, FieldValues } from '../../core/example';
import type { JsonValue } from '../../core/json';
import { METRICS, type MetricId } from '../../core/metrics';
import type { ProgramState } from '../../core/program';
import type { FieldSpec } from '../../core/signature';

/*
 * Schemas of the plain data that records keep: JSON values, examples, programs, rules. Objects
 * are loose (unknown keys are kept, not stripped), so reading a record never drops what a
 * later version wrote into it.
 */

export const jsonValue: v.GenericSchema<JsonValue> = v.lazy(() =>
  v.union([
    v.string(),
    v.number(),
    v.boolean(),
    v.null(),
    v.array(jsonValue),
    v.record(v.string(), jsonValue),
  ]),
);

export const fieldValues: v.GenericSchema<FieldValues> = v.record(v.string(), jsonValue);

export const example: v.GenericSchema<Example> = v.looseObject({
  id: v.string(),
  data: fieldValues,
});

const fieldSpec: v.GenericSchema<FieldSpec> = v.looseObject({
  name: v.string(),
  description: v.string(),
  type: v.picklist(['text', 'number', 'label', 'list', 'json']),
  labels: v.optional(v.array(v.string())),
});

export const demo: v.GenericSchema<Demo> = v.looseObject({
  data: fieldValues,
  augmented: v.boolean(),
  sourceId: v.optional(v.string()),
});

export const programState: v.GenericSchema<ProgramState> = v.looseObject({
  version: v.literal(1),
  description: v.string(),
  steps: v.array(
    v.looseObject({
      name: v.string(),
      signature: v.looseObject({
        instruction: v.string(),
        inputs: v.array(fieldSpec),
        outputs: v.array(fieldSpec),
      }),
      demos: v.array(demo),
      chainOfThought: v.boolean(),
    }),
  ),
  kept: v.optional(
    v.array(
      v.looseObject({
        name: v.string(),
        kind: v.picklist(['retrieve', 'flex', 'unknown']),
        state: v.record(v.string(), jsonValue),
      }),
    ),
  ),
});

export const metricId = v.custom<MetricId>(
  (id) => METRICS.some((m) => m.id === id),
  'is not a known metric',
);

export const constraintSpec: v.GenericSchema<ConstraintSpec> = v.variant('kind', [
  v.looseObject({
    kind: v.literal('one-of'),
    field: v.string(),
    values: v.array(v.string()),
    caseSensitive: v.optional(v.boolean()),
  }),
  v.looseObject({
    kind: v.literal('number'),
    field: v.string(),
    min: v.optional(v.number()),
    max: v.optional(v.number()),
    integer: v.optional(v.boolean()),
  }),
  v.looseObject({
    kind: v.literal('regex'),
    field: v.string(),
    pattern: v.string(),
    flags: v.optional(v.string()),
    description: v.optional(v.string()),
  }),
  v.looseObject({ kind: v.literal('max-length'), field: v.string(), maxChars: v.number() }),
  v.looseObject({ kind: v.literal('json'), field: v.string() }),
]);

/** Where an issue is ("history.2.costs.calls") and what is wrong there, for a message. */
export function issueText(issues: readonly v.BaseIssue<unknown>[]): string {
  const first = issues[0];
  if (!first) return 'it does not have the expected shape';
  const path = v.getDotPath(first);
  return path ? `"${path}" ${describe(first)}` : describe(first);
}

function describe(issue: v.BaseIssue<unknown>): string {
  if (issue.type === 'custom') return issue.message;
  // A missing key's issue expects the key itself: '"request" is not "request"' said nothing.
  return issue.received === 'undefined' ? 'is missing' : `is not ${issue.expected ?? 'valid'}`;
}
