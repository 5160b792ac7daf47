import type { ColumnMapping } from '../../core/interop/dataset/mapping';
import type { ImportIssue } from '../../core/interop/dataset/errors';
import type { SplitRatios } from '../../core/interop/dataset/split';
import type { TableFormat } from '../../core/interop/dataset/table';
import type { JsonValue } from '../../core/json';
import type { ProgramState } from '../../core/program';
import type { ScoringRules } from '../../core/scoring-rules';
import type { Listing } from './listing';

export type { ColumnMapping, ImportIssue, SplitRatios, TableFormat };

/** A file the user picked, as bytes (the worker decodes and checks it). */
export interface DatasetFileInput {
  fileName: string;
  bytes: Uint8Array;
  encoding?: 'utf-8' | 'latin1';
  format?: TableFormat;
  /** CSV: whether the first line holds column names (detected when omitted). */
  header?: boolean;
  /**
   * Names for the columns the file does not name (a headerless CSV, JSON rows that are lists of
   * values), in order (col_1, col_2, … when blank).
   */
  columnNames?: string[];
}

/** How often each value occurs in a column, most frequent first. */
export interface ColumnValues {
  /** Distinct values in the whole file. */
  distinct: number;
  /** The values with their counts, most frequent first; empty past 1,000 distinct values. */
  top: { value: string; count: number }[];
  /** Mean characters of the column's non-empty values (labels are short, texts long). */
  meanChars: number;
}

/** The first rows of a file and every problem found while reading it. */
export interface DatasetPreview {
  format: TableFormat;
  columns: string[];
  /** Up to `limit` rows, values as in the file. */
  rows: { line?: number; item: number; values: Record<string, JsonValue> }[];
  totalRows: number;
  issues: ImportIssue[];
  /**
   * A column for each of the target program's fields: by name, else by content (a label output
   * takes the column with the fewest distinct values, other fields the most varied columns).
   */
  suggestedMapping: ColumnMapping;
  /** CSV: whether the first line was read as column names, and why not when it was not. */
  header?: { present: boolean; dataReason?: string };
  /** CSV: the delimiter found (or given). */
  delimiter?: string;
  /**
   * The columns the file gives no names to (col_1, col_2, … or the names given), which the user
   * can name (`columnNames`); absent when the file names every column.
   */
  positionalColumns?: string[];
  /** Every column's values with counts (for choosing a label column and seeing its labels). */
  columnValues: Record<string, ColumnValues>;
}

export interface DatasetImportInput extends DatasetFileInput {
  name?: string;
  /** What the task does, in a sentence (from the fields and the file when omitted). */
  description?: string;
  /** Keep a seeded sample of this many rows (every label kept); DEFAULT_IMPORT_LIMITS otherwise. */
  maxRows?: number;
  /** The built-in task whose program the data is for (its input and output fields). */
  taskId: string;
  mapping: ColumnMapping;
  /**
   * Name the fields after the file's columns (made valid names) and adapt the task's program
   * to them: labels from the data, DSPy's default instruction. Off: the task's own names.
   */
  useColumnNames?: boolean;
  /**
   * New names for output values, by the task's field, then by the value as the preview lists it
   * (`{ department: { '0': 'negative' } }`); a blank name keeps the value.
   */
  valueNames?: Record<string, Record<string, string>>;
  seed: number;
  ratios?: SplitRatios;
}

/** A stored dataset without its rows. */
export interface DatasetSummary {
  id: string;
  name: string;
  /** What the task made from the data does (set at import; older datasets have none). */
  description?: string;
  createdAt: string;
  taskId?: string;
  fileName: string;
  format: string;
  rowsInFile: number;
  sampledTo?: number;
  inputFields: string[];
  outputFields: string[];
  seed: number;
  sizes: { train: number; val: number; test: number };
  /** The task's program adapted to this data, and its scoring rules (see useColumnNames). */
  program?: ProgramState;
  rules?: ScoringRules;
}

export interface DatasetImportResult {
  dataset: DatasetSummary;
  notices: string[];
}

/** Stored datasets: preview a file, import it (all or nothing), list and delete. */
export interface DatasetsApi {
  previewDataset(file: DatasetFileInput, taskId: string, limit?: number): Promise<DatasetPreview>;
  /** Validates the whole file first; a bad file throws DatasetImportError and saves nothing. */
  importDataset(input: DatasetImportInput): Promise<DatasetImportResult>;
  listDatasets(): Promise<Listing<DatasetSummary>>;
  deleteDataset(id: string): Promise<void>;
  /** Gives a stored dataset a new name (as renameProgram); its rows and splits stay as they were. */
  renameDataset(id: string, name: string): Promise<DatasetSummary>;
}
