/**
 * Whether a CSV file starts with a header row. Many public datasets (AG News, some intent sets)
 * ship without one, and reading their first example as column names loses a row and names the
 * fields after a headline. A header cell is a short name; a data cell betrays itself.
 */

const NUMBER = /^[-+]?(\d+([.,]\d+)?|\.\d+)([eE][-+]?\d+)?%?$/;
/** A column name longer than this (or with more words) reads as a sentence of data. */
const LONG_CELL_CHARS = 40;
const LONG_CELL_WORDS = 6;
/** Later rows compared against the first one (enough to find repeated label values). */
const ROWS_CHECKED = 200;

/** Why the first row reads as data, or null when it reads as a header. */
export function firstRowDataReason(rows: readonly (readonly string[])[]): string | null {
  const [first, ...rest] = rows;
  if (!first || first.length === 0) return null;
  const cells = first.map((c) => c.trim());
  const later = rest.slice(0, ROWS_CHECKED);
  for (const [i, cell] of cells.entries()) {
    if (cell === '') continue;
    if (NUMBER.test(cell)) return `holds data: “${cell}” is a number`;
    if (cell.length > LONG_CELL_CHARS || cell.split(/\s+/).length > LONG_CELL_WORDS)
      return `holds data: “${cell.slice(0, 40)}${cell.length > 40 ? '…' : ''}” reads as a sentence`;
    if (later.some((row) => (row[i] ?? '').trim() === cell))
      return `holds data: “${cell}” appears again in the same column below`;
  }
  return null;
}

/** True when the first row reads as column names (see firstRowDataReason). */
export function firstRowIsHeader(rows: readonly (readonly string[])[]): boolean {
  return firstRowDataReason(rows) === null;
}

/**
 * Names for the columns of a file without a header: col_1, col_2, … (as core's
 * positionalColumnName, which storage may not import at run time).
 */
export function headerlessColumnNames(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `col_${i + 1}`);
}
