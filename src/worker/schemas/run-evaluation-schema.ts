import * as v from 'valibot';
import type { EvaluateSummary, RunEvaluation } from '../api';
import { fieldValues, jsonValue } from './plain-data';

/*
 * A stored run's before/after evaluation, read back from IndexedDB: checked, not cast. Objects
 * are loose so that a later version's extra keys survive.
 */

const evaluatedExample = v.looseObject({
  exampleId: v.string(),
  score: v.number(),
  prediction: v.nullable(v.record(v.string(), jsonValue)),
  error: v.nullable(v.string()),
  parseFailure: v.optional(v.boolean()),
  constraintViolation: v.optional(v.boolean()),
  inputs: v.optional(fieldValues),
  gold: v.optional(fieldValues),
});

const evaluateSummary: v.GenericSchema<EvaluateSummary> = v.looseObject({
  score: v.number(),
  total: v.number(),
  evaluated: v.number(),
  stoppedReason: v.picklist(['completed', 'aborted', 'max-errors', 'budget']),
  parseFailures: v.number(),
  constraintViolations: v.number(),
  errors: v.number(),
  results: v.array(evaluatedExample),
});

const runEvaluation: v.GenericSchema<RunEvaluation> = v.looseObject({
  baseline: evaluateSummary,
  optimized: v.nullable(evaluateSummary),
  evaluatedAt: v.string(),
});

/** The stored evaluation, or undefined when there is none or it cannot be read (it is redone). */
export function parseRunEvaluation(value: unknown): RunEvaluation | undefined {
  const parsed = v.safeParse(runEvaluation, value);
  return parsed.success ? parsed.output : undefined;
}
