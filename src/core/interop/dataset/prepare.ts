import { Rng } from '../../rng';
import type { Example } from '../../example';
import { BinaryFileError, binaryKind } from './binary-file';
import { nameColumns } from './column-names';
import { decodeText, type TextEncodingName } from './decode';
import { DatasetImportError, FileTooLargeError, type ImportIssue } from './errors';
import { LABEL_LINES_HINT, looksLikeLabelLines, parseLabelLines } from './label-lines';
import { type ColumnMapping, mapRows, suggestMapping } from './mapping';
import { parseJsonArray, parseJsonl } from './parse-json-rows';
import { sampleKeepingValues, withEveryValueInTraining } from './label-sample';
import { repeatedRowsNotice, withoutRepeatedRows } from './duplicate-rows';
import { distinctValues, looksLikeFreeText } from './adapt-program';
import { DEFAULT_SPLIT, type SplitRatios, splitExamples } from './split';
import { emptySplitProblem } from './split-needs';
import {
  type CsvOptions,
  type CsvParser,
  detectFormat,
  type ParsedTable,
  type TableFormat,
} from './table';
import { checkTableColumns } from './table-checks';
import {
  applyValueNames,
  checkValueNames,
  effectiveValueNames,
  type ValueNames,
} from './value-names';

import { DEFAULT_IMPORT_LIMITS } from './import-limits';

export { DEFAULT_IMPORT_LIMITS };
/** Problems listed in an error; the rest are counted. */
const MAX_REPORTED_ISSUES = 50;

export interface ReadTableOptions extends CsvOptions {
  /**
   * Names for the columns the file does not name (a headerless CSV, JSON rows that are lists
   * of values), in order; a blank keeps col_N (see nameColumns).
   */
  columnNames?: readonly string[];
  encoding?: TextEncodingName;
  format?: TableFormat;
  maxBytes?: number;
}

/**
 * Decodes and parses a file into a table (also for previewing columns before mapping them).
 * CSV is read by `parseCsv` (storage's papaparse reader in the app).
 */
export function readTable(
  bytes: Uint8Array,
  fileName: string,
  parseCsv: CsvParser,
  opts: ReadTableOptions = {},
): ParsedTable {
  const maxBytes = opts.maxBytes ?? DEFAULT_IMPORT_LIMITS.maxBytes;
  if (bytes.length > maxBytes) throw new FileTooLargeError(fileName, bytes.length, maxBytes);
  const binary = binaryKind(bytes);
  if (binary !== null) throw new BinaryFileError(fileName, binary);
  const text = decodeText(bytes, fileName, opts.encoding);
  const format = opts.format ?? detectFormat(fileName, text);
  const checked = (table: ParsedTable): ParsedTable =>
    checkTableColumns(nameColumns(table, opts.columnNames));
  if (format === 'jsonl') return checked(parseJsonl(text));
  if (format === 'json') return checked(parseJsonArray(text));
  if (format === 'label-text') return checked(parseLabelLines(text));
  const table = parseCsv(text, {
    ...(opts.delimiter ? { delimiter: opts.delimiter } : {}),
    ...(opts.header !== undefined ? { header: opts.header } : {}),
  });
  // Read as CSV, a file of "label text" lines is one column or a row-count problem per line.
  // Unless CSV was asked for, it is read as what it is; if it was, the first problem says so.
  if ((table.columns.length <= 1 || table.issues.length > 0) && looksLikeLabelLines(text)) {
    if (opts.format === undefined && !opts.delimiter && !opts.columnNames)
      return checked(parseLabelLines(text));
    table.issues.unshift({ message: LABEL_LINES_HINT });
  }
  return checked(table);
}

export interface DatasetImportRequest extends ReadTableOptions {
  name?: string;
  fileName: string;
  bytes: Uint8Array;
  inputFields: string[];
  outputFields: string[];
  /** Field → column; fields left out are matched to columns of the same name. */
  mapping?: ColumnMapping;
  seed: number;
  ratios?: SplitRatios;
  maxRows?: number;
  /** Fields (label outputs) whose every value must survive sampling and appear in training. */
  keepValuesOf?: string[];
  /** New names for output values (codes such as 0 and 1), applied before sampling. */
  valueNames?: ValueNames;
}

/** A validated, sampled and split dataset: what storage keeps (with an id and a date). */
export interface DatasetContent {
  name: string;
  /** What the task made from the data does, in a sentence. */
  description?: string;
  source: {
    fileName: string;
    format: TableFormat | 'builtin';
    encoding: TextEncodingName;
    /** Rows in the file; more than were kept when it was sampled. */
    rowsInFile: number;
    /** Set when the file was sampled down to fewer rows. */
    sampledTo?: number;
  };
  inputFields: string[];
  outputFields: string[];
  /** Which file column fed each field. */
  columnMapping: Record<string, string>;
  /** Output values renamed at import (field → value in the file → name kept). */
  valueNames?: ValueNames;
  seed: number;
  splits: { train: Example[]; val: Example[]; test: Example[] };
}

export interface PreparedDataset {
  dataset: DatasetContent;
  /** Things the user should know that did not stop the import (e.g. sampling). */
  notices: string[];
}

/**
 * Reads, validates, maps, samples and splits a whole file into a dataset, without saving
 * anything (the caller stores it; see storage's `newDatasetRecord`). Throws FileTooLargeError, NotUtf8Error or DatasetImportError (with every
 * problem's line, column or field) so that a bad file changes nothing.
 */
export function prepareDataset(req: DatasetImportRequest, parseCsv: CsvParser): PreparedDataset {
  const table = readTable(req.bytes, req.fileName, parseCsv, req);
  const mapping = {
    ...suggestMapping(table.columns, [...req.inputFields, ...req.outputFields]),
    ...req.mapping,
  };
  const mapped =
    table.issues.length === 0
      ? mapRows(table, mapping, { inputs: req.inputFields, outputs: req.outputFields })
      : undefined;
  const issues: ImportIssue[] = [
    ...table.issues,
    ...(mapped?.issues ?? []),
    ...checkValueNames(req.valueNames ?? {}, req.outputFields),
  ];
  if (issues.length > 0)
    throw new DatasetImportError(
      req.fileName,
      issues.slice(0, MAX_REPORTED_ISSUES),
      Math.max(0, issues.length - MAX_REPORTED_ISSUES),
    );
  let examples = applyValueNames(mapped?.examples ?? [], req.valueNames ?? {});
  if (examples.length === 0)
    throw new DatasetImportError(req.fileName, [{ message: 'the file has no data rows' }]);

  const notices: string[] = [];
  const maxRows = req.maxRows ?? DEFAULT_IMPORT_LIMITS.maxRows;
  const rowsInFile = examples.length;
  const unique = withoutRepeatedRows(examples, [...req.inputFields, ...req.outputFields]);
  if (unique.repeated.length > 0) {
    examples = unique.examples;
    notices.push(repeatedRowsNotice(req.fileName, unique.repeated, rowPlace(table)));
  }
  // A column of free text (nearly a value per row) has no labels to keep: keeping its every
  // value would put nearly every row in training and leave one validation and one test example.
  const keep = (req.keepValuesOf ?? []).filter(
    (f) => !looksLikeFreeText(distinctValues(examples, f).length, examples.length),
  );
  if (examples.length > maxRows) {
    const rng = new Rng(req.seed).fork('dataset-sample');
    examples =
      keep.length > 0
        ? sampleKeepingValues(examples, maxRows, keep, rng)
        : rng.sample(examples, maxRows);
    // Named by the file's columns, which the user chose and sees (the program's field names
    // are the task's, "department", unless the program takes the columns' names).
    const kept = keep.map((f) => mapping[f] ?? f).join(', ');
    notices.push(
      `${req.fileName} has ${rowsInFile.toLocaleString('en')} rows; a random sample of ${maxRows.toLocaleString('en')} (seed ${req.seed}${keep.length > 0 ? `, keeping every value of ${kept}` : ''}) was kept so that runs stay short.`,
    );
  }
  const splits = withEveryValueInTraining(
    splitExamples(examples, req.seed, req.ratios ?? DEFAULT_SPLIT),
    keep,
  );
  // Saved all the same (its rows can still be tried and exported); a run refuses to start on it.
  const empty = emptySplitProblem({ train: splits.train.length, val: splits.val.length });
  if (empty !== null) notices.push(`${empty} A run cannot start on it as it is.`);

  const renamed = effectiveValueNames(req.valueNames ?? {});
  const dataset: DatasetContent = {
    name: req.name ?? req.fileName.replace(/\.[^.]+$/, ''),
    source: {
      fileName: req.fileName,
      format: table.format,
      encoding: req.encoding ?? 'utf-8',
      rowsInFile,
      ...(unique.examples.length > maxRows ? { sampledTo: examples.length } : {}),
    },
    inputFields: [...req.inputFields],
    outputFields: [...req.outputFields],
    columnMapping: Object.fromEntries(
      [...req.inputFields, ...req.outputFields].map((f) => [f, mapping[f] ?? f]),
    ),
    ...(Object.keys(renamed).length > 0 ? { valueNames: renamed } : {}),
    seed: req.seed,
    splits,
  };
  return { dataset, notices };
}

/**
 * Where an example's row is in the file: "line 12", or "item 3" of a JSON array, with the part
 * it is in when the file holds several (CLINC150's "train", "val", …), since items are counted
 * over every part.
 */
function rowPlace(table: ParsedTable): (id: string) => string {
  const rows = new Map(table.rows.map((r) => [`row-${r.item}`, r]));
  return (id) => {
    const row = rows.get(id);
    if (row?.line !== undefined) return `line ${row.line}`;
    const part = table.format === 'json' ? row?.values.split : undefined;
    const item = `item ${id.replace(/^row-/, '')}`;
    return typeof part === 'string' ? `${item}, in "${part}"` : item;
  };
}
