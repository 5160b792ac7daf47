import type { Example } from '../core/example';
import {
  distinctValues,
  looksLikeFreeText,
  MAX_LABELS,
  withLabels,
} from '../core/interop/dataset/adapt-program';
import type { ProgramState } from '../core/program';
import type { ScoringRules } from '../core/scoring-rules';
import type { LabelMismatch } from './api';

/**
 * For each label output of the program, whether the data's gold values are among its labels
 * (ignoring case, as the label metric does). An example whose gold value is not a label can
 * never be answered right, and a one-of rule would even refuse the right answer, so imported
 * data labelled differently (say sentiment data on the ticket router) is reported, not hidden.
 * So are labels no example has (a program opened from the Library for other data): an answer
 * with one of them is never right.
 */
export function labelMismatches(
  program: ProgramState,
  rules: ScoringRules,
  examples: readonly Example[],
): LabelMismatch[] {
  const out: LabelMismatch[] = [];
  for (const step of program.steps)
    for (const field of step.signature.outputs) {
      if (field.type !== 'label') continue;
      const labels = field.labels ?? [];
      const known = new Set(labels.map((l) => l.toLowerCase()));
      const byFrequency = distinctValues(examples, field.name);
      const total = byFrequency.reduce((sum, v) => sum + v.count, 0);
      const unknown = byFrequency.filter((v) => !known.has(v.value.toLowerCase()));
      const inData = new Set(byFrequency.map((v) => v.value.toLowerCase()));
      // No gold value at all (data without this field) is the field check's to report.
      const unused = total === 0 ? [] : labels.filter((l) => !inData.has(l.toLowerCase()));
      if (unknown.length === 0 && unused.length === 0) continue;
      const dataLabels = byFrequency.slice(0, MAX_LABELS).map((v) => v.value);
      const tooMany = looksLikeFreeText(byFrequency.length, total);
      out.push({
        field: field.name,
        labels: [...labels],
        dataLabels,
        unknown: unknown.slice(0, 30).map((v) => v.value),
        unused: unused.slice(0, 30),
        examples: unknown.reduce((sum, v) => sum + v.count, 0),
        total,
        tooMany,
        fix: tooMany ? null : withLabels(program, rules, field.name, dataLabels),
      });
    }
  return out;
}
