import type { ParsedTable } from '../core/interop/dataset/table';
import type { JsonValue } from '../core/json';
import type { ColumnValues } from './api';
import { characterCount, textStart } from '../core/text-start';

/* What the Data screen's preview shows of a file: guessed columns, value counts, cut values. */

/** Values listed per column in a preview (a label column of hundreds shows whole). */
const PREVIEW_VALUES = 1000;

/**
 * Fills in the fields no column name matched, from the columns' contents: label outputs take
 * the unused column with the fewest distinct values (at least two), other fields the unused
 * columns with the most; on a tie (a small file whose every value is distinct) label outputs
 * take the column of shorter values and the others the longer, as a label is a word or two and a
 * text a sentence. A headerless file (col_1, col_2, …) then needs no choosing at all when it is
 * the usual class + text. A `split` column (the part of the file a row came from, as in
 * CLINC150's object of splits) is left out: its few values would make it the label's guess.
 */
export function guessMapping(
  columns: readonly string[],
  values: Record<string, ColumnValues>,
  fields: {
    inputs: readonly string[];
    outputs: readonly string[];
    labelOutputs: readonly string[];
  },
  byName: Record<string, string>,
): Record<string, string> {
  const mapping = { ...byName };
  // A column naming each row's part of the file ("train", "test") is never guessed for a field.
  const used = new Set([...Object.values(mapping), ...columns.filter(isSplitColumn)]);
  const distinct = (c: string): number => values[c]?.distinct ?? 0;
  const chars = (c: string): number => values[c]?.meanChars ?? 0;
  const take = (
    field: string,
    order: (a: string, b: string) => number,
    ok: (c: string) => boolean,
  ) => {
    if (mapping[field] !== undefined) return;
    const column = columns.filter((c) => !used.has(c) && ok(c)).sort(order)[0];
    if (column === undefined) return;
    mapping[field] = column;
    used.add(column);
  };
  for (const f of fields.labelOutputs)
    take(
      f,
      (a, b) => distinct(a) - distinct(b) || chars(a) - chars(b),
      (c) => distinct(c) >= 2,
    );
  for (const f of [...fields.inputs, ...fields.outputs])
    take(
      f,
      (a, b) => distinct(b) - distinct(a) || chars(b) - chars(a),
      () => true,
    );
  return mapping;
}

function isSplitColumn(column: string): boolean {
  return column.toLowerCase() === 'split';
}

/** Longer preview values are cut: a 19 MB cell would freeze the page that renders it. */
const PREVIEW_CHARS = 500;

/** A row's values for the preview, long texts cut between graphemes (no emoji is halved). */
export function shortened(values: Record<string, JsonValue>): Record<string, JsonValue> {
  return Object.fromEntries(
    Object.entries(values).map(([k, v]) => {
      const start = typeof v === 'string' ? textStart(v, PREVIEW_CHARS) : null;
      return [
        k,
        typeof v === 'string' && start !== null
          ? `${start}… (${characterCount(v).toLocaleString('en')} characters in all)`
          : v,
      ];
    }),
  );
}

/** Each column's values with counts, most frequent first. */
export function columnValues(table: ParsedTable): Record<string, ColumnValues> {
  const out: Record<string, ColumnValues> = {};
  for (const column of table.columns) {
    const counts = new Map<string, number>();
    let chars = 0;
    let filled = 0;
    for (const row of table.rows) {
      const v = row.values[column];
      if (v === undefined || v === null) continue;
      const text = typeof v === 'string' ? v.trim() : JSON.stringify(v);
      if (text === '') continue;
      counts.set(text, (counts.get(text) ?? 0) + 1);
      chars += text.length;
      filled++;
    }
    const meanChars = filled > 0 ? chars / filled : 0;
    // A column of free text (more values than a label set holds) lists none: only its count.
    if (counts.size > PREVIEW_VALUES) {
      out[column] = { distinct: counts.size, top: [], meanChars };
      continue;
    }
    const top = [...counts.entries()]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .map(([value, count]) => ({ value, count }));
    out[column] = { distinct: counts.size, top, meanChars };
  }
  return out;
}
