import type { Example } from '../core/example';
import type { ProgramState } from '../core/program';
import type { LabelMismatch } from './api';

/** More distinct values than this and a field reads as free text, not a set of labels. */
const MAX_LABELS = 30;

/**
 * For each label output of the program, whether the data's gold values are among its labels
 * (ignoring case, as the label metric does). An example whose gold value is not a label can
 * never be answered right, and a one-of rule would even refuse the right answer, so imported
 * data labelled differently (say sentiment data on the ticket router) is reported, not hidden.
 */
export function labelMismatches(
  program: ProgramState,
  examples: readonly Example[],
): LabelMismatch[] {
  const out: LabelMismatch[] = [];
  for (const step of program.steps)
    for (const field of step.signature.outputs) {
      if (field.type !== 'label') continue;
      const labels = field.labels ?? [];
      const known = new Set(labels.map((l) => l.toLowerCase()));
      const counts = new Map<string, number>();
      let total = 0;
      for (const e of examples) {
        const value = e.data[field.name];
        if (value === undefined || value === null) continue;
        const text = typeof value === 'string' ? value.trim() : JSON.stringify(value);
        total++;
        counts.set(text, (counts.get(text) ?? 0) + 1);
      }
      const byFrequency = [...counts.entries()].sort(
        (a, b) => b[1] - a[1] || a[0].localeCompare(b[0]),
      );
      const unknown = byFrequency.filter(([v]) => !known.has(v.toLowerCase()));
      if (unknown.length === 0) continue;
      out.push({
        field: field.name,
        labels: [...labels],
        dataLabels: byFrequency.slice(0, MAX_LABELS).map(([v]) => v),
        unknown: unknown.slice(0, MAX_LABELS).map(([v]) => v),
        examples: unknown.reduce((sum, [, n]) => sum + n, 0),
        total,
        tooMany: counts.size > MAX_LABELS,
      });
    }
  return out;
}
