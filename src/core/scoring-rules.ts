import type { ConstraintSpec } from './constraints';
import type { MetricId } from './metrics';

/** How a program is scored, as plain data: metric, the output field it scores, rules on outputs. */
export interface ScoringRules {
  metricId: MetricId;
  targetField: string;
  constraints: ConstraintSpec[];
}
