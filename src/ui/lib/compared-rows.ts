import type { EvaluatedExample, EvaluateSummary } from '../../worker/api';
import { goldLabelOf } from './label-breakdown';

export type ResultFilter = 'all' | 'wrong' | 'parse' | 'constraint' | 'changed';

/** Only the examples of one gold label (chosen in the scores by label). */
export interface GoldLabelFilter {
  field: string;
  label: string;
}

/** One test example with the baseline's and the optimized program's answers. */
export interface ComparedRow {
  exampleId: string;
  inputs: string;
  gold: string;
  baseline: EvaluatedExample | null;
  optimized: EvaluatedExample | null;
}

/** Field values as plain text, one `name: value` per line (always rendered as text). */
export const fieldsText = (v: unknown): string =>
  v === undefined || v === null
    ? ''
    : typeof v === 'string'
      ? v
      : Object.entries(v as Record<string, unknown>)
          .map(([k, x]) => `${k}: ${typeof x === 'string' ? x : JSON.stringify(x)}`)
          .join('\n');

/** The baseline's examples, each next to the optimized program's answer on it. */
export function comparedRows(
  baseline: EvaluateSummary | null,
  optimized: EvaluateSummary | null,
): ComparedRow[] {
  const opt = new Map((optimized?.results ?? []).map((r) => [r.exampleId, r]));
  return (baseline?.results ?? []).map((b) => ({
    exampleId: b.exampleId,
    inputs: fieldsText(b.inputs),
    gold: fieldsText(b.gold),
    baseline: b,
    optimized: opt.get(b.exampleId) ?? null,
  }));
}

/**
 * The rows a filter shows ('changed': the two programs scored differently), of one gold label
 * when one is given.
 */
export function filterRows(
  rows: ComparedRow[],
  filter: ResultFilter,
  gold: GoldLabelFilter | null = null,
): ComparedRow[] {
  const ofLabel = gold
    ? rows.filter((r) => {
        const example = r.baseline ?? r.optimized;
        return example !== null && goldLabelOf(example, gold.field) === gold.label;
      })
    : rows;
  return filterByOutcome(ofLabel, filter);
}

function filterByOutcome(rows: ComparedRow[], filter: ResultFilter): ComparedRow[] {
  const shown = (r: EvaluatedExample | null): boolean => {
    if (!r) return false;
    switch (filter) {
      case 'wrong':
        return r.score < 1;
      case 'parse':
        return r.parseFailure === true;
      case 'constraint':
        return r.constraintViolation === true;
      default:
        return true;
    }
  };
  if (filter === 'all') return rows;
  if (filter === 'changed') return rows.filter((r) => r.baseline?.score !== r.optimized?.score);
  return rows.filter((r) => shown(r.optimized ?? r.baseline) || shown(r.baseline));
}
