import type { CostEstimate } from '../../core/optimizers/cost-estimate';

/** Past this many calls a run on a small real model takes most of an hour or more. */
export const LARGE_RUN_CALLS = 2000;
/** Past this many validation examples every candidate's full score is costly. */
export const LARGE_VALIDATION = 400;

/** Whether a run is large enough to warn about before it starts. */
export function isLargeRun(estimate: CostEstimate | null, valExamples: number | null): boolean {
  return (
    estimate !== null &&
    (estimate.lmCalls > LARGE_RUN_CALLS || (valExamples ?? 0) > LARGE_VALIDATION)
  );
}
