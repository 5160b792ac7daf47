import type { JsonValue } from '../../json';
import type { ImportIssue } from './errors';

/** `label-text`: one example per line, a label, a space and a text (see label-lines.ts). */
export type TableFormat = 'csv' | 'jsonl' | 'json' | 'label-text';

/** One data row: its 1-based position among the rows and, for CSV/JSONL, its file line. */
export interface TableRow {
  item: number;
  line?: number;
  values: Record<string, JsonValue>;
}

/** A file read as rows of named values, with every problem found in it. */
export interface ParsedTable {
  format: TableFormat;
  columns: string[];
  rows: TableRow[];
  issues: ImportIssue[];
  /** CSV only: whether the first line was read as column names, and why not when it was not. */
  header?: { present: boolean; dataReason?: string };
  /** CSV only: the delimiter used (detected unless given). */
  delimiter?: string;
  /**
   * The columns the file gives no names to (a CSV read without a header, JSON rows that are
   * lists of values), in order: col_1, col_2, … or the names the user gave (see nameColumns).
   */
  positionalColumns?: string[];
}

/** How to read a CSV file; anything left out is detected. */
export interface CsvOptions {
  delimiter?: string;
  /** false: the first line is data (its columns are positional: col_1, col_2, …). */
  header?: boolean;
}

/** Guesses the format from the file name, then from the first character. */
export function detectFormat(fileName: string, text: string): TableFormat {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.csv') || lower.endsWith('.tsv')) return 'csv';
  if (lower.endsWith('.jsonl') || lower.endsWith('.ndjson')) return 'jsonl';
  if (lower.endsWith('.json')) return 'json';
  const first = text.trimStart().charAt(0);
  if (first === '[') return 'json';
  if (first === '{') return 'jsonl';
  return 'csv';
}

/** Parses CSV text (the app passes storage's papaparse reader; core has no CSV parser). */
export type CsvParser = (text: string, opts?: CsvOptions) => ParsedTable;
