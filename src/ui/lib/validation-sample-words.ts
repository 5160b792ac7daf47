import type { ValidationSample } from '../../core/optimizers/selection-set';

/**
 * "100 of the 200 validation examples, a fixed sample: …": what a run's scores rest on when a
 * tight budget had it select on a sample (the run log, the scores line and the run report).
 */
export function validationSampleWords(sample: ValidationSample): string {
  return `${sample.examples} of the ${sample.of} validation examples, a fixed sample: the budget cannot pay for scoring every candidate on all of them`;
}
