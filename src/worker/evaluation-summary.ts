import { pickFields, type Example } from '../core/example';
import type { EvaluationResult } from '../core/evaluate';
import type { EvaluateSummary } from './api';

/** An evaluation as the page shows it: each result next to its example's inputs and gold values. */
export function evaluationSummary(
  result: EvaluationResult,
  examples: readonly Example[],
  inputFields: readonly string[],
): EvaluateSummary {
  const byId = new Map(examples.map((e) => [e.id, e.data]));
  return {
    score: result.score,
    total: result.total,
    evaluated: result.results.length,
    stoppedReason: result.stoppedReason,
    parseFailures: result.parseFailures,
    constraintViolations: result.constraintViolations,
    errors: result.errors,
    results: result.results.map((r) => {
      const data = byId.get(r.exampleId) ?? {};
      const inputs = pickFields(data, inputFields);
      const gold = pickFields(
        data,
        Object.keys(data).filter((k) => !(k in inputs)),
      );
      return {
        exampleId: r.exampleId,
        score: r.score,
        prediction: r.prediction,
        error: r.error,
        parseFailure: r.parseFailure,
        constraintViolation: r.constraintViolation,
        inputs,
        gold,
      };
    }),
  };
}
