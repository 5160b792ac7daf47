import Papa from 'papaparse';
import type { ImportIssue } from '../../core/interop/dataset/errors';
import { firstRowDataReason, headerlessColumnNames } from './header-detect';
import type { CsvOptions, ParsedTable, TableRow } from '../../core/interop/dataset/table';

/**
 * Reads CSV (quotes, CRLF and a BOM handled by papaparse) into rows keyed by the header. Every
 * problem is collected with its line: unterminated quotes, rows with the wrong number of
 * values, empty or repeated column names. Without `opts.header` the first line is read as a
 * header unless it looks like data (see firstRowDataReason); the delimiter is papaparse's guess
 * unless given.
 */
export function parseCsv(text: string, opts: CsvOptions = {}): ParsedTable {
  // storage imports only types from core, so not core's withoutByteOrderMark.
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const starts = lineStarts(body);
  const issues: ImportIssue[] = [];
  const records: { line: number; cells: string[] }[] = [];
  let previousEnd = 0;
  let delimiter = opts.delimiter;
  Papa.parse<string[]>(body, {
    header: false,
    skipEmptyLines: 'greedy',
    ...(opts.delimiter ? { delimiter: opts.delimiter } : {}),
    step(result) {
      let start = previousEnd;
      while (start < body.length && (body[start] === '\n' || body[start] === '\r')) start++;
      previousEnd = result.meta.cursor;
      delimiter ??= result.meta.delimiter;
      const line = lineAt(starts, start);
      for (const e of result.errors)
        if (e.code !== 'UndetectableDelimiter')
          issues.push({ line, message: csvErrorMessage(e.code, e.message) });
      records.push({ line, cells: result.data });
    },
  });

  if (records.length === 0)
    return { format: 'csv', columns: [], rows: [], issues: [{ message: 'The file is empty.' }] };
  const dataReason =
    opts.header === undefined ? firstRowDataReason(records.map((r) => r.cells)) : null;
  const present = opts.header ?? dataReason === null;
  const first = records[0]!;
  // Columns of a headerless file are named by place; the names a user gives them are applied
  // by core's readTable (nameColumns), as for every format whose rows carry no names.
  const header = present
    ? first
    : { line: first.line, cells: headerlessColumnNames(first.cells.length) };
  const data = present ? records.slice(1) : records;
  const columns = header.cells.map((c) => c.trim());
  columns.forEach((c, i) => {
    if (c === '')
      issues.push({
        line: header.line,
        message: `column ${i + 1} of the header has no name; name it`,
      });
    else if (columns.indexOf(c) !== i)
      issues.push({
        line: header.line,
        column: c,
        message: 'this column name appears twice; rename one of them',
      });
  });
  const rows: TableRow[] = [];
  for (const r of data) {
    if (r.cells.length !== columns.length) {
      issues.push({
        line: r.line,
        message: `this row has ${r.cells.length} values but the header has ${columns.length} columns`,
      });
      continue;
    }
    // No prototype: a column named __proto__ stays a column (and is then refused by name).
    const values = Object.create(null) as TableRow['values'];
    columns.forEach((c, i) => (values[c] = r.cells[i] ?? ''));
    rows.push({ item: rows.length + 1, line: r.line, values });
  }
  return {
    format: 'csv',
    columns,
    rows,
    issues,
    header: { present, ...(dataReason !== null ? { dataReason } : {}) },
    ...(delimiter !== undefined ? { delimiter } : {}),
    ...(present ? {} : { positionalColumns: columns }),
  };
}

function csvErrorMessage(code: string, fallback: string): string {
  if (code === 'MissingQuotes') return 'a quoted value is never closed (missing ")';
  if (code === 'InvalidQuotes')
    return 'a quoted value has stray characters after its closing quote';
  return fallback;
}

/** Start offsets of every line, for offset → line lookups. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

/** 1-based line of a character offset (binary search in `lineStarts`). */
function lineAt(starts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] ?? 0) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}
