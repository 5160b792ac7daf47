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
  inputs: FieldLine[];
  gold: FieldLine[];
  baseline: EvaluatedExample | null;
  optimized: EvaluatedExample | null;
}

/**
 * One field of an example or an answer, shown on a line of its own: its name (null for a bare
 * value) and its value as text. Kept apart so the value can be isolated in its own direction:
 * an Arabic ticket after the English "ticket:" would otherwise be laid out left to right.
 */
export interface FieldLine {
  name: string | null;
  text: string;
}

/**
 * The lines of each record of fields met: an evaluation's records are never changed (worker
 * answers are replaced whole), and the same lines for the same record let the table skip the
 * rows it has built already when the optimized program's answers come in.
 */
const linesOfRecord = new WeakMap<object, FieldLine[]>();

/** Field values as lines, one per field (always rendered as text). */
export function fieldLines(v: unknown): FieldLine[] {
  if (v === undefined || v === null) return [];
  if (typeof v === 'string') return [{ name: null, text: v }];
  if (typeof v !== 'object') return [];
  let lines = linesOfRecord.get(v);
  if (!lines) {
    lines = Object.entries(v as Record<string, unknown>).map(([k, x]) => ({
      name: k,
      text: typeof x === 'string' ? x : JSON.stringify(x),
    }));
    linesOfRecord.set(v, lines);
  }
  return lines;
}

/** The baseline's examples, each next to the optimized program's answer on it. */
export function comparedRows(
  baseline: EvaluateSummary | null,
  optimized: EvaluateSummary | null,
): ComparedRow[] {
  const opt = new Map((optimized?.results ?? []).map((r) => [r.exampleId, r]));
  return (baseline?.results ?? []).map((b) => ({
    exampleId: b.exampleId,
    inputs: fieldLines(b.inputs),
    gold: fieldLines(b.gold),
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
