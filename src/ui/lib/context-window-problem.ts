import { inRange, rangeWords, type SettingRange } from '../../core/optimizers/copa-setting-ranges';

/**
 * What is wrong with a context window typed in a box, with the range allowed and what a blank
 * box means (`blank`, e.g. "or blank when unknown"); null when it is blank or usable. NaN (a box
 * holding 1e400) is refused, not read as blank.
 */
export function contextWindowProblem(
  value: number | undefined,
  range: SettingRange,
  blank: string,
): string | null {
  if (value === undefined || inRange(range, value)) return null;
  const got = Number.isFinite(value) ? `, not ${value}` : '';
  return `${rangeWords(range)} tokens${got}, ${blank}.`;
}
