import { countWords } from '../lib/count-words';
import { pct } from '../lib/percent';

type Curve = readonly (readonly [number, number])[];

/**
 * The start program's score, when the chart marks it apart: the curve has a point per full
 * evaluation, and a start program scored only on a minibatch has none. Null when the line
 * already starts there (a view pieced together from events) or nothing was scored.
 */
export function chartStart(curve: Curve, baseline: number | null): number | null {
  if (baseline === null) return null;
  return curve.length === 0 || curve[0]![1] !== baseline ? baseline : null;
}

/**
 * What the chart shows, in one sentence (its accessible name). `calls`: where its axis ends, the
 * calls spent (a phase a budget cut short spends calls after the curve's last point).
 */
export function chartSummary(
  curve: Curve,
  start: number | null,
  phases: number,
  calls: number = curve.at(-1)?.[0] ?? 0,
): string {
  if (curve.length === 0)
    return start !== null ? `The start program scored ${pct(start)}.` : 'No scores yet.';
  const last = curve.at(-1)!;
  const from = start !== null ? `${pct(start)} (the start program)` : pct(curve[0]![1]);
  return `Best validation score went from ${from} to ${pct(last[1])} over ${countWords(Math.max(calls, last[0]), 'model call')}, in ${countWords(phases, 'phase')}.`;
}
