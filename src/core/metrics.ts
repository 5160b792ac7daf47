import { CopaError } from './errors';
import type { Example, Prediction } from './example';
import { canonicalJson, type JsonValue } from './json';
import type { ComparisonMetric, Metric } from './metric';
import { llmJudge } from './llm-judge';
import { METRIC_NAMES, type MetricId } from './metric-names';
import { normalizeAnswer } from './answer-normalization';

export { normalizeAnswer };

/** An unknown metric id or unusable metric options. */
export class MetricError extends CopaError {
  constructor(message: string) {
    super('MetricError', message);
  }
}

/** Options some metrics take; the others ignore them. */
export interface MetricOptions {
  /** Absolute tolerance for numberWithinTolerance (default 1e-6). */
  tolerance?: number;
  /** Keys compared by jsonFieldMatch (default: every key of the gold object). */
  keys?: string[];
}

/**
 * A gold value that is a list while the prediction is not is read as a list of acceptable
 * answers (SQuAD-style); the best-scoring one counts.
 */
function fieldMetric(
  field: string,
  score: (gold: JsonValue, predicted: JsonValue) => number,
): ComparisonMetric {
  return (example: Example, prediction: Prediction): number => {
    const gold = example.data[field];
    const predicted = prediction[field];
    if (gold === undefined || predicted === undefined || predicted === null) return 0;
    const options = Array.isArray(gold) && !Array.isArray(predicted) ? gold : [gold];
    let best = 0;
    for (const g of options) best = Math.max(best, clamp01(score(g, predicted)));
    return best;
  };
}

function clamp01(x: number): number {
  return Number.isFinite(x) ? Math.min(1, Math.max(0, x)) : 0;
}

function asText(value: JsonValue): string {
  return typeof value === 'string' ? value : canonicalJson(value);
}

/** 1 when the trimmed texts (or canonical JSON of non-strings) are identical. */
export function exactMatch(field: string): ComparisonMetric {
  return fieldMetric(field, (g, p) => (asText(g).trim() === asText(p).trim() ? 1 : 0));
}

/** 1 when the answers are equal after SQuAD normalization. */
export function normalizedMatch(field: string): ComparisonMetric {
  return fieldMetric(field, (g, p) =>
    normalizeAnswer(asText(g)) === normalizeAnswer(asText(p)) ? 1 : 0,
  );
}

/** SQuAD token F1 between the normalized answers. */
export function tokenF1(field: string): ComparisonMetric {
  return fieldMetric(field, (g, p) => f1(normalizeAnswer(asText(g)), normalizeAnswer(asText(p))));
}

function f1(gold: string, predicted: string): number {
  const goldTokens = gold ? gold.split(' ') : [];
  const predTokens = predicted ? predicted.split(' ') : [];
  if (goldTokens.length === 0 || predTokens.length === 0)
    return goldTokens.length === predTokens.length ? 1 : 0;
  const counts = new Map<string, number>();
  for (const t of goldTokens) counts.set(t, (counts.get(t) ?? 0) + 1);
  let common = 0;
  for (const t of predTokens) {
    const c = counts.get(t) ?? 0;
    if (c > 0) {
      common++;
      counts.set(t, c - 1);
    }
  }
  if (common === 0) return 0;
  const precision = common / predTokens.length;
  const recall = common / goldTokens.length;
  return (2 * precision * recall) / (precision + recall);
}

/** 1 when the normalized gold answer appears, as whole words, in the normalized prediction. */
export function contains(field: string): ComparisonMetric {
  return fieldMetric(field, (g, p) => {
    const gold = normalizeAnswer(asText(g));
    const predicted = normalizeAnswer(asText(p));
    if (gold === '') return predicted === '' ? 1 : 0;
    return ` ${predicted} `.includes(` ${gold} `) ? 1 : 0;
  });
}

// A minus sign counts only when it does not follow a word (so "10-20" is not 10 and -20).
const NUMBER =
  /(?:(?<![\w.])-)?(?:\d{1,3}(?:,\d{3})+(?!\d)|\d+)(?:\.\d+)?(?:e[+-]?\d+)?|(?:(?<![\w.])-)?\.\d+/gi;

/**
 * The number a text states: after a GSM8K-style "####" marker when there is one, otherwise
 * the last number in the text. Currency signs, thousands separators and % are ignored.
 * NaN when there is none.
 */
export function extractNumber(value: JsonValue): number {
  if (typeof value === 'number') return value;
  if (typeof value !== 'string') return NaN;
  let text = value.replace(/\u2212/g, '-');
  const marker = text.lastIndexOf('####');
  if (marker >= 0) text = text.slice(marker + 4);
  const found = text.match(NUMBER);
  if (!found || found.length === 0) return NaN;
  const pick = marker >= 0 ? found[0] : found[found.length - 1];
  return Number((pick ?? '').replace(/,/g, ''));
}

/** 1 when both numbers are within `tolerance` (absolute) of each other. */
export function numberWithinTolerance(field: string, tolerance = 1e-6): ComparisonMetric {
  if (!(tolerance >= 0))
    throw new MetricError(`The tolerance must be 0 or more, got ${tolerance}.`);
  return fieldMetric(field, (g, p) => {
    const gold = extractNumber(g);
    const predicted = extractNumber(p);
    if (Number.isNaN(gold) || Number.isNaN(predicted)) return 0;
    return Math.abs(gold - predicted) <= tolerance ? 1 : 0;
  });
}

function normalizeLabel(value: JsonValue): string {
  return asText(value)
    .trim()
    .toLowerCase()
    .replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
}

/** 1 when the labels are equal ignoring case and surrounding punctuation or quotes. */
export function labelMatch(field: string): ComparisonMetric {
  return fieldMetric(field, (g, p) => (normalizeLabel(g) === normalizeLabel(p) ? 1 : 0));
}

function asObject(value: JsonValue): { [key: string]: JsonValue } | null {
  let v: unknown = value;
  if (typeof v === 'string') {
    try {
      v = JSON.parse(v);
    } catch {
      return null;
    }
  }
  return v !== null && typeof v === 'object' && !Array.isArray(v)
    ? (v as { [key: string]: JsonValue })
    : null;
}

function sameValue(a: JsonValue | undefined, b: JsonValue | undefined): boolean {
  if (a === undefined || b === undefined) return false;
  if (typeof a === 'string' && typeof b === 'string')
    return a.trim().toLowerCase() === b.trim().toLowerCase();
  if (typeof a === 'number' && typeof b === 'number') return Math.abs(a - b) <= 1e-9;
  return canonicalJson(a) === canonicalJson(b);
}

/** The fraction of `keys` (default: the gold object's keys) whose values match. */
export function jsonFieldMatch(field: string, keys?: readonly string[]): ComparisonMetric {
  return fieldMetric(field, (g, p) => {
    const gold = asObject(g);
    const predicted = asObject(p);
    if (!gold || !predicted) return 0;
    const compared = keys ?? Object.keys(gold);
    if (compared.length === 0) return 1;
    const matching = compared.filter((k) => sameValue(gold[k], predicted[k])).length;
    return matching / compared.length;
  });
}

export type { MetricId } from './metric-names';

/** Describes a built-in metric so the UI and the worker can choose one by id. */
export interface MetricDefinition {
  readonly id: MetricId;
  readonly name: string;
  readonly description: string;
  make(field: string, options?: MetricOptions): Metric;
}

/** The built-in metrics, in the order the UI lists them. */
export const METRICS: readonly MetricDefinition[] = Object.freeze([
  {
    id: 'exact_match',
    name: METRIC_NAMES.exact_match,
    description: 'The answer equals the gold answer exactly (ignoring surrounding spaces).',
    make: (field) => exactMatch(field),
  },
  {
    id: 'normalized_match',
    name: METRIC_NAMES.normalized_match,
    description: 'Equal after ignoring case, punctuation, articles and extra spaces (SQuAD).',
    make: (field) => normalizedMatch(field),
  },
  {
    id: 'token_f1',
    name: METRIC_NAMES.token_f1,
    description: 'Word overlap between answer and gold answer (SQuAD F1); partial credit.',
    make: (field) => tokenF1(field),
  },
  {
    id: 'contains',
    name: METRIC_NAMES.contains,
    description: 'The gold answer appears, as whole words, inside the answer.',
    make: (field) => contains(field),
  },
  {
    id: 'number_within_tolerance',
    name: METRIC_NAMES.number_within_tolerance,
    description:
      'The number in the answer (e.g. "$1,234.50" or "#### 72") is within a tolerance of the gold number.',
    make: (field, options) => numberWithinTolerance(field, options?.tolerance),
  },
  {
    id: 'label_match',
    name: METRIC_NAMES.label_match,
    description: 'The label equals the gold label, ignoring case.',
    make: (field) => labelMatch(field),
  },
  {
    id: 'json_field_match',
    name: METRIC_NAMES.json_field_match,
    description: 'The fraction of the gold JSON object’s keys whose values the answer matches.',
    make: (field, options) => jsonFieldMatch(field, options?.keys),
  },
  {
    id: 'llm_judge',
    name: METRIC_NAMES.llm_judge,
    description:
      'The model itself judges whether the answer means the same as the gold answer, for free text that words can match only in part. It costs one more model call per scored answer (none when the two are the same words), and the model can be wrong.',
    make: (field) => llmJudge(field),
  },
]);

/** The built-in metric with this id. */
export function metricDefinition(id: string): MetricDefinition {
  const found = METRICS.find((m) => m.id === id);
  if (!found)
    throw new MetricError(
      `Unknown metric "${id}"; choose one of ${METRICS.map((m) => m.id).join(', ')}.`,
    );
  return found;
}

/** Builds a built-in metric by id for one output field. */
export function makeMetric(id: string, field: string, options?: MetricOptions): Metric {
  return metricDefinition(id).make(field, options);
}
