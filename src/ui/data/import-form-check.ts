import {
  COPA_SETTING_RANGES,
  inRange,
  rangeWords,
  type SettingRange,
} from '../../core/optimizers/copa-setting-ranges';
import { checkRecordName } from '../../core/record-name';

/** The import form's number boxes. */
export type ImportNumberBox = 'trainPct' | 'valPct' | 'testPct' | 'seed' | 'rowsToKeep';

/** What the form holds: a number box holds undefined when blank, NaN when unreadable (1e400). */
export interface ImportFormValues {
  trainPct: number | undefined;
  valPct: number | undefined;
  testPct: number | undefined;
  seed: number | undefined;
  rowsToKeep: number | undefined;
  /** The dataset name typed ('' keeps the one suggested from the file). */
  name: string;
}

/**
 * What each number box accepts. The seed goes to the same seeded generator as a run's, so it
 * takes the run seed's range; rows are capped as the worker caps them.
 */
export function importNumberRanges(maxRows: number): Record<ImportNumberBox, SettingRange> {
  const pct = (label: string): SettingRange => ({ label, min: 0, max: 100, whole: false });
  return {
    trainPct: pct('Training %'),
    valPct: pct('Validation %'),
    testPct: pct('Test %'),
    seed: { ...COPA_SETTING_RANGES.seed, label: 'Split seed' },
    rowsToKeep: { label: 'Rows to keep', min: 1, max: maxRows, whole: true },
  };
}

/**
 * What is wrong with each box of the import form, in words that say what is allowed; empty
 * when the dataset can be imported. A blank or unreadable box is refused, never read as a
 * default: a seed of 1e400 became seed 0, a blank row count 1,000 rows, -1 rows 1 row.
 */
export function importFormProblems(
  v: ImportFormValues,
  maxRows: number,
): Partial<Record<ImportNumberBox | 'split' | 'name', string>> {
  const out: Partial<Record<ImportNumberBox | 'split' | 'name', string>> = {};
  for (const [key, range] of Object.entries(importNumberRanges(maxRows)) as [
    ImportNumberBox,
    SettingRange,
  ][]) {
    const value = v[key];
    if (inRange(range, value)) continue;
    const got = typeof value === 'number' && Number.isFinite(value) ? `, not ${value}` : '';
    out[key] = `${rangeWords(range)}${got}.`;
  }
  // Each part's share is its percentage of their sum; a sum of 0 shares out nothing.
  const split = [v.trainPct, v.valPct, v.testPct];
  if (split.every((p) => p === 0))
    out.split = 'The split percentages cannot all be 0: give training and validation a share.';
  // Blank keeps the name suggested from the file; anything else is checked as a rename is.
  if (v.name.trim() !== '') {
    const checked = checkRecordName(v.name);
    if (!checked.ok) out.name = checked.message;
  }
  return out;
}
