import type { Example, FieldValues } from '../../example';
import type { JsonValue } from '../../json';
import { type ImportIssue, MISSING_VALUE } from './errors';
import type { ParsedTable } from './table';

/** Which file column feeds each program field: `{ question: 'text', answer: 'label' }`. */
export type ColumnMapping = Record<string, string>;

/** Longer values are refused: no small model's prompt holds them, and showing them stalls the page. */
export const MAX_VALUE_CHARS = 100_000;

const normalize = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]/g, '');

/** Maps fields to columns of the same name (ignoring case, spaces and punctuation). */
export function suggestMapping(
  columns: readonly string[],
  fields: readonly string[],
): ColumnMapping {
  const mapping: ColumnMapping = {};
  for (const f of fields) {
    const match =
      columns.find((c) => c === f) ?? columns.find((c) => normalize(c) === normalize(f));
    if (match !== undefined) mapping[f] = match;
  }
  return mapping;
}

function valueLength(v: JsonValue): number {
  return typeof v === 'string' ? v.length : JSON.stringify(v).length;
}

function isBlank(v: JsonValue | undefined): boolean {
  return v === undefined || v === null || (typeof v === 'string' && v.trim() === '');
}

/**
 * Turns every row into an example of the mapped fields, reporting each missing mapping and
 * each row whose value for a field is absent or empty (with line, column and field).
 */
export function mapRows(
  table: ParsedTable,
  mapping: ColumnMapping,
  fields: { inputs: readonly string[]; outputs: readonly string[] },
): { examples: Example[]; issues: ImportIssue[] } {
  const issues: ImportIssue[] = [];
  const all = [...fields.inputs, ...fields.outputs];
  for (const f of all) {
    const column = mapping[f];
    if (column === undefined)
      issues.push({ field: f, message: 'no column is chosen for this field' });
    else if (!table.columns.includes(column))
      issues.push({
        field: f,
        column,
        message: `the file has no such column (it has ${table.columns.join(', ') || 'none'})`,
      });
  }
  if (issues.length > 0) return { examples: [], issues };

  const examples: Example[] = [];
  for (const row of table.rows) {
    const data: FieldValues = {};
    let ok = true;
    for (const f of all) {
      const column = mapping[f] ?? f;
      const value = row.values[column];
      if (isBlank(value)) {
        ok = false;
        issues.push({
          ...(row.line !== undefined ? { line: row.line } : { item: row.item }),
          column,
          field: f,
          message: MISSING_VALUE,
        });
      } else if (valueLength(value as JsonValue) > MAX_VALUE_CHARS) {
        ok = false;
        issues.push({
          ...(row.line !== undefined ? { line: row.line } : { item: row.item }),
          column,
          field: f,
          message: `the value is longer than ${MAX_VALUE_CHARS.toLocaleString('en')} characters`,
        });
      } else data[f] = value as JsonValue;
    }
    if (ok) examples.push({ id: `row-${row.item}`, data });
  }
  return { examples, issues };
}
