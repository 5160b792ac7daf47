import type { Example } from '../../example';
import type { JsonValue } from '../../json';
import type { ImportIssue } from './errors';

/**
 * New names for an output field's values, by field, then by the value as the preview lists it:
 * `{ sentiment: { '0': 'negative', '1': 'positive' } }`. Files often hold codes (SST-2's 0 and 1,
 * TREC's ABBR and NUM) that tell a model nothing; a label's name is the only prior a model
 * has before it sees a demo. Two values given one name are merged into one label.
 */
export type ValueNames = Record<string, Record<string, string>>;

/** A longer name is refused: a label is a word or a few. */
export const MAX_VALUE_NAME_CHARS = 60;

/** A value as the Data screen's label list shows it (and as `ValueNames` keys it). */
export function valueKey(value: JsonValue): string {
  return typeof value === 'string' ? value.trim() : JSON.stringify(value);
}

/** Problems with the names: a field that is not an output, a name too long or on two lines. */
export function checkValueNames(names: ValueNames, outputs: readonly string[]): ImportIssue[] {
  const issues: ImportIssue[] = [];
  for (const [field, renames] of Object.entries(names)) {
    if (!outputs.includes(field)) {
      issues.push({ field, message: 'values can be renamed only for an output field' });
      continue;
    }
    for (const [from, to] of Object.entries(renames)) {
      const name = to.trim();
      if (name.length > MAX_VALUE_NAME_CHARS)
        issues.push({
          field,
          message: `the new name for “${from}” is longer than ${MAX_VALUE_NAME_CHARS} characters`,
        });
      else if (/[\r\n]/.test(name))
        issues.push({ field, message: `the new name for “${from}” must fit on one line` });
    }
  }
  return issues;
}

/** The examples with their values renamed (a blank new name keeps the value). */
export function applyValueNames(examples: readonly Example[], names: ValueNames): Example[] {
  const renames = Object.entries(effectiveValueNames(names)).map(
    ([field, map]) => [field, new Map(Object.entries(map))] as const,
  );
  if (renames.length === 0) return [...examples];
  return examples.map((example) => {
    const data = { ...example.data };
    for (const [field, map] of renames) {
      const value = data[field];
      if (value === undefined) continue;
      const to = map.get(valueKey(value));
      if (to !== undefined) data[field] = to;
    }
    return { ...example, data };
  });
}

/** Only the renames that change something, for the stored record. */
export function effectiveValueNames(names: ValueNames): ValueNames {
  const out: ValueNames = {};
  for (const [field, map] of Object.entries(names)) {
    const kept = Object.entries(map).filter(([from, to]) => to.trim() !== '' && to.trim() !== from);
    if (kept.length > 0) out[field] = Object.fromEntries(kept.map(([f, t]) => [f, t.trim()]));
  }
  return out;
}
