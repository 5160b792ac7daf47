import { IMPORT_ROWS_RANGE, IMPORT_SEED_RANGE } from '../../core/interop/dataset/import-limits';
import { inRange, rangeWords, type SettingRange } from '../../core/optimizers/copa-setting-ranges';
import { checkRecordName } from '../../core/record-name';
import { NO_TEST_SET, zeroShareProblem } from '../../core/interop/dataset/split-needs';

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

/** What each number box accepts: the seed and rows as the worker checks them. */
const pct = (label: string): SettingRange => ({ label, min: 0, max: 100, whole: false });
const IMPORT_NUMBER_RANGES: Record<ImportNumberBox, SettingRange> = {
  trainPct: pct('Training %'),
  valPct: pct('Validation %'),
  testPct: pct('Test %'),
  seed: IMPORT_SEED_RANGE,
  rowsToKeep: IMPORT_ROWS_RANGE,
};

/**
 * What is wrong with each box of the import form, in words that say what is allowed; empty
 * when the dataset can be imported. A blank or unreadable box is refused, never read as a
 * default: a seed of 1e400 became seed 0, a blank row count 1,000 rows, -1 rows 1 row.
 */
export function importFormProblems(
  v: ImportFormValues,
): Partial<Record<ImportNumberBox | 'name', string>> {
  const out: Partial<Record<ImportNumberBox | 'name', string>> = {};
  for (const [key, range] of Object.entries(IMPORT_NUMBER_RANGES) as [
    ImportNumberBox,
    SettingRange,
  ][]) {
    const value = v[key];
    if (inRange(range, value)) continue;
    const got = typeof value === 'number' && Number.isFinite(value) ? `, not ${value}` : '';
    out[key] = `${rangeWords(range)}${got}.`;
  }
  // A run needs training and validation examples; test examples only serve Results.
  if (v.trainPct === 0)
    out.trainPct = zeroShareProblem('train', IMPORT_NUMBER_RANGES.trainPct.label);
  if (v.valPct === 0) out.valPct = zeroShareProblem('val', IMPORT_NUMBER_RANGES.valPct.label);
  // Blank keeps the name suggested from the file; anything else is checked as a rename is.
  if (v.name.trim() !== '') {
    const checked = checkRecordName(v.name);
    if (!checked.ok) out.name = checked.message;
  }
  return out;
}

/** Said under the split when it is usable but leaves Results nothing to score. */
export function importSplitNote(v: Pick<ImportFormValues, 'testPct'>): string | null {
  return v.testPct === 0 ? NO_TEST_SET : null;
}
