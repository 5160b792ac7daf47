import { withoutByteOrderMark } from '../../byte-order-mark';
import type { JsonValue } from '../../json';
import { jsonErrorLocation } from '../json-text';
import { positionalColumnName } from './column-names';
import type { ImportIssue } from './errors';
import type { ParsedTable, TableRow } from './table';

function isObject(v: unknown): v is Record<string, JsonValue> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A JSON item that can be a row: an object, or a non-empty list of values. */
function isRow(item: unknown): boolean {
  return isObject(item) || (Array.isArray(item) && item.length > 0);
}

/**
 * A row's values by column: an object's own keys, or a list's values by place (col_1, col_2,
 * …, as a CSV without a header; the user can name them, see nameColumns). Undefined: not a row.
 */
function rowValues(item: unknown): Record<string, JsonValue> | undefined {
  if (isObject(item)) return item;
  if (!Array.isArray(item) || item.length === 0) return undefined;
  return Object.fromEntries((item as JsonValue[]).map((v, k) => [positionalColumnName(k), v]));
}

/** The table of the rows read, with the positional columns of its longest list of values. */
function tableOf(
  format: 'json' | 'jsonl',
  rows: TableRow[],
  issues: ImportIssue[],
  widestList: number,
): ParsedTable {
  const positionalColumns = Array.from({ length: widestList }, (_, k) => positionalColumnName(k));
  return {
    format,
    columns: columnsOf(rows),
    rows,
    issues,
    ...(widestList > 0 ? { positionalColumns } : {}),
  };
}

/** A JSON file that gives no table, with the one problem that says why. */
function refused(issue: ImportIssue): ParsedTable {
  return { format: 'json', columns: [], rows: [], issues: [issue] };
}

function columnsOf(rows: readonly TableRow[]): string[] {
  const seen = new Set<string>();
  for (const r of rows) for (const k of Object.keys(r.values)) seen.add(k);
  return [...seen];
}

/**
 * JSON Lines: one object (or list of values) per non-blank line; each bad line is reported with
 * its number.
 */
export function parseJsonl(text: string): ParsedTable {
  const body = withoutByteOrderMark(text);
  const rows: TableRow[] = [];
  const issues: ImportIssue[] = [];
  let widestList = 0;
  body.split('\n').forEach((raw, i) => {
    const lineText = raw.replace(/\r$/, '');
    if (lineText.trim() === '') return;
    const line = i + 1;
    let value: unknown;
    try {
      value = JSON.parse(lineText);
    } catch {
      const at = jsonErrorLocation(lineText);
      issues.push({ line, message: `not valid JSON${at ? ` (at column ${at.column})` : ''}` });
      return;
    }
    const values = rowValues(value);
    if (values === undefined)
      issues.push({
        line,
        message:
          'each line must be a JSON object like {"question": "...", "answer": "..."} or a list of values like ["...", "..."]',
      });
    else rows.push({ item: rows.length + 1, line, values });
    if (Array.isArray(value)) widestList = Math.max(widestList, value.length);
  });
  if (rows.length === 0 && issues.length === 0) issues.push({ message: 'The file has no rows.' });
  return tableOf('jsonl', rows, issues, widestList);
}

/**
 * A JSON array of objects (or of lists of values), or an object of such arrays. Problems name the
 * item (1-based, counted over every part); its line is not tracked.
 */
export function parseJsonArray(text: string): ParsedTable {
  const body = withoutByteOrderMark(text);
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    const at = jsonErrorLocation(body);
    return refused({
      ...(at ? { line: at.line } : {}),
      message: `not valid JSON${at ? ` (at column ${at.column})` : ''}`,
    });
  }
  if (Array.isArray(value)) return arrayTable(value.map((item) => ({ item })));
  const parts = isObject(value) ? Object.entries(value).filter(([, v]) => Array.isArray(v)) : [];
  if (parts.length === 0)
    return refused({
      message:
        'the file must hold a JSON array of objects, [ {...}, {...} ], or an object of such arrays, { "train": [...], "test": [...] }',
    });
  // An object of columns ({"text": [...], "label": [...]}, as pandas and others save a table) holds
  // no rows: said once, with what to save instead, rather than once per value.
  const lists = parts.map(([, v]) => v as unknown[]);
  if (lists.some((l) => l.length > 0) && lists.every((l) => !l.some(isRow))) {
    const names = parts
      .slice(0, 3)
      .map(([k]) => JSON.stringify(k))
      .join(', ');
    return refused({
      message: `the file holds lists of values (${names}), not rows: save it as rows, [ {"text": "...", "label": "..."}, ... ], or as JSON Lines`,
    });
  }
  // An object of arrays, as datasets split into parts are often saved (CLINC150's
  // `{"train": [[text, intent], ...], "val": [...], ...}`): every part's rows, each with the
  // name of its part in a column `split` when there are several.
  const named = parts.length > 1;
  return arrayTable(
    parts.flatMap(([split, items]) =>
      (items as unknown[]).map((item) => ({ item, ...(named ? { split } : {}) })),
    ),
  );
}

/** Rows of a JSON array whose items are objects, or lists of values (see rowValues). */
function arrayTable(items: readonly { item: unknown; split?: string }[]): ParsedTable {
  const rows: TableRow[] = [];
  const issues: ImportIssue[] = [];
  let widestList = 0;
  items.forEach(({ item, split }, i) => {
    const values = rowValues(item);
    if (Array.isArray(item)) widestList = Math.max(widestList, item.length);
    if (values === undefined)
      issues.push({
        item: i + 1,
        message:
          'this item is neither an object nor a list of values; each item must be a row such as {"text": "...", "label": "..."} or ["...", "..."]',
      });
    else rows.push({ item: i + 1, values: split === undefined ? values : { ...values, split } });
  });
  if (items.length === 0) issues.push({ message: 'The file has no rows.' });
  return tableOf('json', rows, issues, widestList);
}
