import { isReservedName, RESERVED_NAME_REASON } from '../../reserved-names';
import type { ImportIssue } from './errors';
import type { ParsedTable } from './table';

/** More columns than this are refused: no program has that many fields, and showing them stalls the page. */
export const MAX_COLUMNS = 200;

/**
 * Refuses tables whose columns cannot be used safely: too many of them (the table is emptied,
 * so nothing downstream walks 10,000 columns), or a name JavaScript objects already have.
 */
export function checkTableColumns(table: ParsedTable): ParsedTable {
  if (table.columns.length > MAX_COLUMNS)
    return {
      ...table,
      columns: [],
      rows: [],
      issues: [
        {
          message: `the file has ${table.columns.length.toLocaleString('en')} columns; the playground reads files with up to ${MAX_COLUMNS} columns. Keep only the columns the program needs.`,
        },
        ...table.issues,
      ],
    };
  const reserved: ImportIssue[] = table.columns.filter(isReservedName).map((column) => ({
    ...(table.format === 'csv' ? { line: 1 } : {}),
    column,
    message: `this column name is reserved: ${RESERVED_NAME_REASON}`,
  }));
  return reserved.length === 0 ? table : { ...table, issues: [...reserved, ...table.issues] };
}
