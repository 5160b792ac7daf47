import type { ProgramState } from '../../core/program';
import type { EvaluatedExample, EvaluateSummary } from '../../worker/api';

/** One gold label's test examples: how each program scored on them, and its usual mistake. */
export interface LabelScore {
  label: string;
  examples: number;
  /** Mean score of each program on this label's examples (null: that program was not scored). */
  baseline: number | null;
  optimized: number | null;
  /** What the optimized program (else the baseline) answered most often instead, when wrong. */
  mistakenFor: { answer: string; count: number } | null;
}

/** Shown for an answer the program could not give (unreadable, or an error). */
export const NO_ANSWER = '(no answer)';

/**
 * The field a per-label view groups by: the field the metric scores, when the program outputs it
 * as a label. Null for free text, numbers and the rest, where every gold value is its own group.
 */
export function labelFieldOf(
  program: ProgramState | null,
  targetField: string | null,
): string | null {
  if (!program || !targetField) return null;
  const field = program.steps
    .flatMap((s) => s.signature.outputs)
    .find((f) => f.name === targetField);
  return field?.type === 'label' ? field.name : null;
}

const text = (v: unknown): string | null =>
  v === undefined || v === null ? null : typeof v === 'string' ? v : JSON.stringify(v);

/** An example's gold label in `field`, as the breakdown groups it (null: it has none). */
export const goldLabelOf = (r: EvaluatedExample, field: string): string | null =>
  text(r.gold?.[field]);

/**
 * Scores by gold label, the weakest first (by the optimized program's score, else the
 * baseline's; then the label with more examples first): on a task with many labels this is
 * where a program still fails, which one overall score hides.
 */
export function labelBreakdown(
  baseline: EvaluateSummary | null,
  optimized: EvaluateSummary | null,
  field: string,
): LabelScore[] {
  const groups = new Map<
    string,
    { n: number; base: EvaluatedExample[]; opt: EvaluatedExample[] }
  >();
  const add = (r: EvaluatedExample, side: 'base' | 'opt'): void => {
    const gold = goldLabelOf(r, field);
    if (gold === null) return;
    let g = groups.get(gold);
    if (!g) groups.set(gold, (g = { n: 0, base: [], opt: [] }));
    g[side].push(r);
  };
  for (const r of baseline?.results ?? []) add(r, 'base');
  for (const r of optimized?.results ?? []) add(r, 'opt');
  const mean = (rs: EvaluatedExample[]): number | null =>
    rs.length === 0 ? null : rs.reduce((a, r) => a + r.score, 0) / rs.length;
  const rows: LabelScore[] = [...groups].map(([label, g]) => {
    const judged = g.opt.length > 0 ? g.opt : g.base;
    const wrong = new Map<string, number>();
    for (const r of judged) {
      if (r.score >= 1) continue;
      const answer = text(r.prediction?.[field]) ?? NO_ANSWER;
      if (answer === label) continue;
      wrong.set(answer, (wrong.get(answer) ?? 0) + 1);
    }
    let mistakenFor: LabelScore['mistakenFor'] = null;
    for (const [answer, count] of wrong)
      if (!mistakenFor || count > mistakenFor.count) mistakenFor = { answer, count };
    return {
      label,
      examples: Math.max(g.base.length, g.opt.length),
      baseline: mean(g.base),
      optimized: mean(g.opt),
      mistakenFor,
    };
  });
  const key = (r: LabelScore): number => r.optimized ?? r.baseline ?? 0;
  return rows.sort(
    (a, b) => key(a) - key(b) || b.examples - a.examples || a.label.localeCompare(b.label),
  );
}
