import type { ImportIssue } from '../core/interop/dataset/errors';
import { DEFAULT_IMPORT_LIMITS } from '../core/interop/dataset/prepare';
import {
  COPA_SETTING_RANGES,
  inRange,
  rangeWords,
  type SettingRange,
} from '../core/optimizers/copa-setting-ranges';
import type { DatasetImportInput } from './api';

const ROWS: SettingRange = {
  label: 'Rows to keep',
  min: 1,
  max: DEFAULT_IMPORT_LIMITS.maxRows,
  whole: true,
};
const SEED: SettingRange = { ...COPA_SETTING_RANGES.seed, label: 'Split seed' };

/**
 * What is wrong with an import's seed, row count and split, as the worker receives them. The
 * Data screen refuses such values beside their boxes; this is the worker's own check, so a value
 * no import can use (a seed of Infinity, -1 rows, a split of NaN) is refused with what is
 * allowed instead of becoming seed 0, one row or a bare RangeError.
 */
export function importOptionIssues(
  input: Pick<DatasetImportInput, 'seed' | 'maxRows' | 'ratios'>,
): ImportIssue[] {
  const issues: ImportIssue[] = [];
  if (!inRange(SEED, input.seed)) issues.push({ message: `${rangeWords(SEED)}.` });
  if (input.maxRows !== undefined && !inRange(ROWS, input.maxRows))
    issues.push({ message: `${rangeWords(ROWS)}.` });
  const shares = input.ratios ? [input.ratios.train, input.ratios.val, input.ratios.test] : [];
  if (shares.some((s) => !Number.isFinite(s) || s < 0))
    issues.push({ message: 'Each split share must be a number of 0 or more.' });
  else if (input.ratios && shares.every((s) => s === 0))
    issues.push({ message: 'The split needs some training, validation or test share above 0.' });
  return issues;
}
