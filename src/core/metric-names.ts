/**
 * The built-in metrics' ids and the names the UI shows for them, apart from the metrics
 * themselves so that a screen can name a metric without bundling its code.
 */
export type MetricId =
  | 'exact_match'
  | 'normalized_match'
  | 'token_f1'
  | 'contains'
  | 'number_within_tolerance'
  | 'label_match'
  | 'json_field_match'
  | 'llm_judge';

export const METRIC_NAMES: Readonly<Record<MetricId, string>> = Object.freeze({
  exact_match: 'Exact match',
  normalized_match: 'Normalized match',
  token_f1: 'Token F1',
  contains: 'Contains gold answer',
  number_within_tolerance: 'Number within tolerance',
  label_match: 'Label match',
  json_field_match: 'JSON field match',
  llm_judge: 'LLM judge',
});

/** The name of a built-in metric, or its id as given when it is not one. */
export function metricName(id: string): string {
  return Object.hasOwn(METRIC_NAMES, id) ? METRIC_NAMES[id as MetricId] : id;
}
