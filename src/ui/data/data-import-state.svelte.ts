import type { TaskMetadata } from '../../worker/api';
import type { CopaClient } from '../../worker/client';
import type {
  ColumnMapping,
  DatasetImportResult,
  DatasetPreview,
  TaskFields,
} from '../../worker/api';
import { toShown, type ShownError } from '../engine-state.svelte';
import { FileTooLargeError } from '../../core/interop/dataset/errors';
import { DEFAULT_IMPORT_LIMITS } from '../../core/interop/dataset/import-limits';
import { importFormProblems } from './import-form-check';

/**
 * Bigger files are refused here before they are read into memory (the worker checks again).
 * The limits come from their own small module, so the page does not bundle the parsers.
 */
const MAX_FILE_BYTES = DEFAULT_IMPORT_LIMITS.maxBytes;
/** Rows kept by default, and at most. */
const DEFAULT_ROWS = DEFAULT_IMPORT_LIMITS.suggestedRows;
export const MAX_ROWS = DEFAULT_IMPORT_LIMITS.maxRows;

/** Importing a data file for a built-in task's program: pick, preview, map, split, save. */
export class DataImportState {
  tasks = $state<TaskMetadata[]>([]);
  taskId = $state<string | null>(null);
  fields = $state<TaskFields | null>(null);
  fileName = $state<string | null>(null);
  // Worker answers are replaced whole, never edited: no deep proxies.
  preview = $state.raw<DatasetPreview | null>(null);
  mapping = $state<ColumnMapping>({});
  name = $state('');
  /** Files are read as UTF-8 unless the user says they are Latin-1. */
  encoding = $state<'utf-8' | 'latin1'>('utf-8');
  /** A number box's value: undefined when blank, NaN when unreadable (see numberInBox). */
  seed = $state<number | undefined>(0);
  /** Name the fields after the file's columns and adapt the program to them. */
  useColumnNames = $state(true);
  /** CSV: the first line holds column names (null: as detected). */
  header = $state<boolean | null>(null);
  /**
   * Names for the columns the file does not name (a headerless CSV, JSON rows that are lists of
   * values), separated by commas (blank: col_N).
   */
  columnNames = $state('');
  /** Rows kept from the file (a seeded sample that keeps every label). */
  rowsToKeep = $state<number | undefined>(DEFAULT_ROWS);
  /** New names for label values, by field, then by the value in the file (blank: kept). */
  valueNames = $state<Record<string, Record<string, string>>>({});
  /**
   * The label list's search. Kept here to be cleared with each file: a search left from a file
   * of many labels hid every label of the next, whose few labels show no search box to clear it.
   */
  labelFilter = $state('');
  /** What the task does; blank: written from the fields and the file at import. */
  description = $state('');
  trainPct = $state<number | undefined>(50);
  valPct = $state<number | undefined>(30);
  testPct = $state<number | undefined>(20);
  busy = $state(false);
  error = $state<ShownError | null>(null);
  result = $state.raw<DatasetImportResult | null>(null);
  private bytes: Uint8Array | null = null;

  constructor(private readonly client: CopaClient) {}

  get allFields(): string[] {
    return this.fields ? [...this.fields.inputs, ...this.fields.outputs] : [];
  }

  /** The fields no column is chosen for yet: Import stays off until there are none. */
  get unmappedFields(): string[] {
    return this.allFields.filter((f) => !this.mapping[f]);
  }

  /** What is wrong with the split, the seed, the row count or the name, beside each box. */
  get formProblems(): ReturnType<typeof importFormProblems> {
    return importFormProblems(this);
  }

  get canImport(): boolean {
    return (
      !this.busy &&
      this.bytes !== null &&
      this.fields !== null &&
      this.unmappedFields.length === 0 &&
      Object.keys(this.formProblems).length === 0
    );
  }

  /** The name a label value will be saved under ('' when it keeps its own). */
  newName(field: string, value: string): string {
    return this.valueNames[field]?.[value]?.trim() ?? '';
  }

  rename(field: string, value: string, name: string): void {
    this.valueNames[field] = { ...this.valueNames[field], [value]: name };
  }

  /** How many labels a column's values make once renamed (two given one name are one). */
  labelsAfterRenaming(column: {
    field: string;
    values: { distinct: number; top: { value: string }[] };
  }): number {
    if (column.values.top.length === 0) return column.values.distinct;
    const names = column.values.top.map((v) => this.newName(column.field, v.value) || v.value);
    return names.filter((n, i) => names.indexOf(n) === i).length;
  }

  async init(): Promise<void> {
    await this.guard(async () => {
      this.tasks = await this.client.listTasks();
      const first = this.tasks[0]?.id;
      if (first && !this.taskId) await this.chooseTask(first);
    });
  }

  async chooseTask(taskId: string): Promise<void> {
    this.taskId = taskId;
    await this.guard(async () => {
      this.fields = await this.client.taskFields(taskId);
      if (this.bytes && this.fileName) await this.loadPreview();
    });
  }

  /** Reads the picked file and shows its first rows and any problem found in it. */
  async pick(file: File): Promise<void> {
    this.result = null;
    this.error = null;
    this.preview = null;
    this.bytes = null;
    this.fileName = file.name;
    this.name = '';
    this.description = '';
    this.header = null;
    this.columnNames = '';
    if (file.size > MAX_FILE_BYTES) {
      // The worker's own error, so both say the same size in the same words.
      this.error = toShown(new FileTooLargeError(file.name, file.size, MAX_FILE_BYTES));
      return;
    }
    await this.guard(async () => {
      this.bytes = new Uint8Array(await file.arrayBuffer());
      await this.loadPreview();
    });
  }

  /** Reads the file again with the first line as column names or as data. */
  async setHeader(present: boolean): Promise<void> {
    this.header = present;
    if (this.bytes) await this.guard(() => this.loadPreview());
  }

  /** Names the columns the file does not name (comma-separated), and reads it again. */
  async setColumnNames(names: string): Promise<void> {
    this.columnNames = names;
    if (this.bytes) await this.guard(() => this.loadPreview());
  }

  private readOptions(): { header?: boolean; columnNames?: string[] } {
    const names = this.columnNames
      .split(',')
      .map((n) => n.trim())
      .filter((n, i, all) => n !== '' || i < all.length - 1);
    // Sent unless the user said the first row is a header: names were ignored for a CSV
    // detected as headerless, and a JSON file's rows have no header row to tick at all. The
    // worker names only the columns the file leaves unnamed.
    return {
      ...(this.header !== null ? { header: this.header } : {}),
      ...(this.header !== true && names.some((n) => n !== '') ? { columnNames: names } : {}),
    };
  }

  async setEncoding(encoding: 'utf-8' | 'latin1'): Promise<void> {
    this.encoding = encoding;
    if (this.bytes) await this.guard(() => this.loadPreview());
  }

  async save(): Promise<void> {
    const bytes = this.bytes;
    const { seed, rowsToKeep, trainPct, valPct, testPct } = this;
    if (!bytes || !this.taskId || !this.fileName) return;
    // Refused beside their boxes (Import is off): never sent as a default instead.
    if (Object.keys(this.formProblems).length > 0) return;
    if (seed === undefined || rowsToKeep === undefined) return;
    if (trainPct === undefined || valPct === undefined || testPct === undefined) return;
    this.result = null;
    await this.guard(async () => {
      this.result = await this.client.importDataset({
        fileName: this.fileName ?? 'data',
        bytes,
        encoding: this.encoding,
        taskId: this.taskId ?? '',
        mapping: { ...this.mapping },
        useColumnNames: this.useColumnNames,
        ...this.namesToSave(),
        ...this.readOptions(),
        maxRows: rowsToKeep,
        ...(this.description.trim() ? { description: this.description.trim() } : {}),
        seed,
        ratios: { train: trainPct, val: valPct, test: testPct },
        ...(this.name.trim() ? { name: this.name.trim() } : {}),
      });
    });
  }

  /** The renames of the label columns now chosen (a name for another column's value is dropped). */
  private namesToSave(): { valueNames?: Record<string, Record<string, string>> } {
    const out: Record<string, Record<string, string>> = {};
    for (const [field, names] of Object.entries(this.valueNames)) {
      const column = this.mapping[field];
      const values = column ? this.preview?.columnValues[column]?.top : undefined;
      const known = (values ?? []).map((v) => v.value);
      const kept = Object.entries(names).filter(([from, to]) => known.includes(from) && to.trim());
      if (kept.length > 0) out[field] = Object.fromEntries(kept);
    }
    return Object.keys(out).length > 0 ? { valueNames: out } : {};
  }

  private async loadPreview(): Promise<void> {
    if (!this.bytes || !this.taskId || !this.fileName) return;
    const preview = await this.client.previewDataset(
      {
        fileName: this.fileName,
        bytes: this.bytes,
        encoding: this.encoding,
        ...this.readOptions(),
      },
      this.taskId,
      8,
    );
    this.preview = preview;
    this.mapping = { ...preview.suggestedMapping };
    this.valueNames = {};
    this.labelFilter = '';
    this.rowsToKeep = Math.min(preview.totalRows, DEFAULT_ROWS) || DEFAULT_ROWS;
  }

  private async guard(body: () => Promise<void>): Promise<void> {
    this.busy = true;
    this.error = null;
    try {
      await body();
    } catch (err) {
      this.error = toShown(err);
    } finally {
      this.busy = false;
    }
  }
}
