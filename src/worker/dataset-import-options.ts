import type { ImportIssue } from '../core/interop/dataset/errors';
import { IMPORT_ROWS_RANGE, IMPORT_SEED_RANGE } from '../core/interop/dataset/import-limits';
import { zeroShareProblems } from '../core/interop/dataset/split-needs';
import { inRange, rangeWords } from '../core/optimizers/copa-setting-ranges';
import type { DatasetImportInput } from './api';

/**
 * What is wrong with an import's seed, row count and split, as the worker receives them. The
 * Data screen refuses such values beside their boxes; this is the worker's own check, so a value
 * no import can use (a seed of Infinity, -1 rows, a split of NaN) is refused with what is
 * allowed instead of becoming seed 0, one row or a bare RangeError; a training or validation
 * share of 0 is refused too, as no run could use the dataset (a test share of 0 is allowed).
 */
export function importOptionIssues(
  input: Pick<DatasetImportInput, 'seed' | 'maxRows' | 'ratios'>,
): ImportIssue[] {
  const issues: ImportIssue[] = [];
  if (!inRange(IMPORT_SEED_RANGE, input.seed))
    issues.push({ message: `${rangeWords(IMPORT_SEED_RANGE)}.` });
  if (input.maxRows !== undefined && !inRange(IMPORT_ROWS_RANGE, input.maxRows))
    issues.push({ message: `${rangeWords(IMPORT_ROWS_RANGE)}.` });
  const shares = input.ratios ? [input.ratios.train, input.ratios.val, input.ratios.test] : [];
  if (shares.some((s) => !Number.isFinite(s) || s < 0))
    issues.push({ message: 'Each split share must be a number of 0 or more.' });
  else if (input.ratios)
    issues.push(...zeroShareProblems(input.ratios).map((message) => ({ message })));
  return issues;
}
