import { bareRecord, isReservedName, RESERVED_NAME_REASON } from '../../reserved-names';
import type { ImportIssue } from './errors';
import type { ParsedTable, TableRow } from './table';

/**
 * The name of a column the file does not name (a CSV without a header, JSON rows that are lists
 * of values): col_1, col_2, … by its place in the row. (Storage's CSV reader, which may not
 * import core at run time, writes the same names.)
 */
export function positionalColumnName(index: number): string {
  return `col_${index + 1}`;
}

/**
 * Gives a table's positional columns the names the user typed, in order (a blank name keeps
 * col_N). This is the one place names are given, whatever the file's format, so the same
 * checks apply to all: a reserved name, a name given twice or one another column already has,
 * and more names than columns are reported; then no name is applied, so the preview still
 * shows the file under col_1, col_2, … beside the problems.
 */
export function nameColumns(table: ParsedTable, given: readonly string[] | undefined): ParsedTable {
  const positional = table.positionalColumns ?? [];
  const names = (given ?? []).map((n) => n.trim());
  if (positional.length === 0 || !names.some((n) => n !== '')) return table;
  const issues = namingIssues(table.columns, positional, names);
  if (issues.length > 0) return { ...table, issues: [...issues, ...table.issues] };
  const rename = new Map(positional.map((c, i) => [c, names[i] || c]));
  const to = (c: string): string => rename.get(c) ?? c;
  return {
    ...table,
    columns: table.columns.map(to),
    positionalColumns: positional.map(to),
    rows: table.rows.map((r) => renamedRow(r, to)),
  };
}

function namingIssues(
  columns: readonly string[],
  positional: readonly string[],
  names: readonly string[],
): ImportIssue[] {
  const issues: ImportIssue[] = [];
  const extra = names.slice(positional.length).filter((n) => n !== '');
  if (extra.length > 0)
    issues.push({
      message: `${names.filter((n) => n !== '').length} column names were given, but the file has ${positional.length} columns without a name (${positional.join(', ')}); remove ${extra.map((n) => `“${n}”`).join(', ')}`,
    });
  // Columns that keep their name: the file's named ones and positional ones left blank.
  const kept = columns.filter((c) => {
    const i = positional.indexOf(c);
    return i < 0 || !names[i];
  });
  positional.forEach((column, i) => {
    const name = names[i];
    if (!name || name === column) return;
    const earlier = positional.findIndex((_, j) => j < i && names[j] === name);
    const problem = isReservedName(name)
      ? `is reserved: ${RESERVED_NAME_REASON}`
      : earlier >= 0
        ? `is also given to ${positional[earlier]}; give each column its own name`
        : kept.includes(name)
          ? 'is already the name of another column of the file; choose another'
          : undefined;
    if (problem) issues.push({ column, message: `the name given to it, “${name}”, ${problem}` });
  });
  return issues;
}

function renamedRow(row: TableRow, to: (column: string) => string): TableRow {
  // No prototype: a file's own column named __proto__ stays a column (and is refused by name).
  const values = bareRecord<TableRow['values'][string]>();
  for (const [k, v] of Object.entries(row.values)) values[to(k)] = v;
  return { ...row, values };
}
