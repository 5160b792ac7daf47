import { withoutByteOrderMark } from '../../byte-order-mark';
import type { JsonValue } from '../../json';
import { jsonErrorLocation } from '../json-text';
import type { ImportIssue } from './errors';
import type { ParsedTable, TableRow } from './table';

function isObject(v: unknown): v is Record<string, JsonValue> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A JSON item that can be a row: an object, or a non-empty list of values. */
function isRow(item: unknown): boolean {
  return isObject(item) || (Array.isArray(item) && item.length > 0);
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

/** JSON Lines: one object per non-blank line; each bad line is reported with its number. */
export function parseJsonl(text: string): ParsedTable {
  const body = withoutByteOrderMark(text);
  const rows: TableRow[] = [];
  const issues: ImportIssue[] = [];
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
    if (!isObject(value))
      issues.push({
        line,
        message: 'each line must be a JSON object like {"question": "...", "answer": "..."}',
      });
    else rows.push({ item: rows.length + 1, line, values: value });
  });
  if (rows.length === 0 && issues.length === 0) issues.push({ message: 'The file has no rows.' });
  return { format: 'jsonl', columns: columnsOf(rows), rows, issues };
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

/**
 * Rows of a JSON array whose items are objects, or arrays of values (read as columns col_1,
 * col_2, …, as a CSV without a header).
 */
function arrayTable(items: readonly { item: unknown; split?: string }[]): ParsedTable {
  const rows: TableRow[] = [];
  const issues: ImportIssue[] = [];
  items.forEach(({ item, split }, i) => {
    const values = !isRow(item)
      ? undefined
      : isObject(item)
        ? item
        : Object.fromEntries((item as JsonValue[]).map((v, k) => [`col_${k + 1}`, v]));
    if (values === undefined)
      issues.push({
        item: i + 1,
        message:
          'this item is neither an object nor a list of values; each item must be a row such as {"text": "...", "label": "..."} or ["...", "..."]',
      });
    else rows.push({ item: i + 1, values: split === undefined ? values : { ...values, split } });
  });
  if (items.length === 0) issues.push({ message: 'The file has no rows.' });
  return { format: 'json', columns: columnsOf(rows), rows, issues };
}
