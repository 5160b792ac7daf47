/**
 * The storage part of the worker API: types only. Datasets, programs, runs and the model-answer
 * cache live in IndexedDB and only the worker writes them; the page asks through these methods.
 */
import type { Example } from '../core/example';
import type { ProgramProvenance } from '../core/interop/copa-format';
import type { ColumnMapping } from '../core/interop/dataset/mapping';
import type { ImportIssue } from '../core/interop/dataset/errors';
import type { SplitRatios } from '../core/interop/dataset/split';
import type { TableFormat } from '../core/interop/dataset/table';
import type { JsonValue } from '../core/json';
import type { CopaConfig } from '../core/optimizers/copa-config';
import type { CurvePoint, PhaseRecord, StopReason } from '../core/optimizers/records';
import type { ProgramState } from '../core/program';
import type { ScoringRules } from '../core/scoring-rules';
import type { UsageTotals } from '../core/usage';
import type { ProgramOrigin, ProgramRecord } from '../storage/programs';
import type { EngineStatus, EventsCallback, RunEvent, RunOutcome } from './api';

export type { ColumnMapping, ImportIssue, ProgramProvenance, SplitRatios, TableFormat };

/** A file the user picked, as bytes (the worker decodes and checks it). */
export interface DatasetFileInput {
  fileName: string;
  bytes: Uint8Array;
  encoding?: 'utf-8' | 'latin1';
  format?: TableFormat;
}

/** The first rows of a file and every problem found while reading it. */
export interface DatasetPreview {
  format: TableFormat;
  columns: string[];
  /** Up to `limit` rows, values as in the file. */
  rows: { line?: number; item: number; values: Record<string, JsonValue> }[];
  totalRows: number;
  issues: ImportIssue[];
  /** Columns matched to the target program's fields by name. */
  suggestedMapping: ColumnMapping;
}

export interface DatasetImportInput extends DatasetFileInput {
  name?: string;
  /** The built-in task whose program the data is for (its input and output fields). */
  taskId: string;
  mapping: ColumnMapping;
  /**
   * Name the fields after the file's columns (made valid names) and adapt the task's program
   * to them: labels from the data, DSPy's default instruction. Off: the task's own names.
   */
  useColumnNames?: boolean;
  seed: number;
  ratios?: SplitRatios;
}

/** A stored dataset without its rows. */
export interface DatasetSummary {
  id: string;
  name: string;
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

/** The input and output fields a built-in task's program reads and writes. */
export interface TaskFields {
  taskId: string;
  name: string;
  inputs: string[];
  outputs: string[];
}

export type { ProgramOrigin };

/** A saved program as the page sees it: the stored record without its schema version. */
export type ProgramSummary = Omit<ProgramRecord, 'schemaVersion'>;

export type ProgramExportFormat = 'copa-json' | 'dspy-json' | 'openai-messages' | 'plain-text';

/** A file ready to download. */
export interface ExportedFile {
  fileName: string;
  mimeType: string;
  text: string;
}

export type StoredRunStatus = 'running' | 'paused' | 'finished' | 'failed' | 'cancelled';

export interface RunSummary {
  id: string;
  name: string;
  createdAt: string;
  updatedAt: string;
  status: StoredRunStatus;
  /** Phases finished so far (0 before the baseline was scored). */
  checkpoints: number;
  lastCheckpointLabel?: string;
  bestScore?: number;
  programId?: string;
  datasetId?: string;
  error?: { name: string; message: string };
}

export interface LmCacheReport {
  entries: number;
  maxEntries: number;
  /** Size of the stored answers (UTF-8 bytes of their JSON). */
  bytes: number;
}

export interface StorageStatus {
  usageBytes: number | null;
  quotaBytes: number | null;
  persisted: boolean;
}

/** Whether some tab holds the run lock, and whether it is this one. */
export interface RunLockState {
  busy: boolean;
  here: boolean;
}

/** Records that could not be read (saved by a newer version, or damaged), with why. */
export interface StoredProblem {
  id: string;
  name: string;
  message: string;
}

export interface Listing<T> {
  items: T[];
  problems: StoredProblem[];
}

/**
 * Everything a stored run did, in one plain-JSON document: who ran what on which data with
 * which settings, every phase's candidates, scores, decisions, insights and costs, and the
 * program it ended with. It is what someone needs to check or repeat a run elsewhere.
 */
export interface RunReport {
  format: 'copa-run-report';
  version: 1;
  name: string;
  status: StoredRunStatus;
  createdAt: string;
  updatedAt: string;
  model: EngineStatus & { standIn: boolean };
  /** The built-in task (or "custom"), and the stored dataset when the run used one. */
  dataset: { task: string; programEdited: boolean; id?: string; name?: string };
  settings: CopaConfig;
  baselineScore: number;
  bestScore: number;
  /** Why the run ended; null while it can still be resumed. */
  stopReason: StopReason | null;
  totals: UsageTotals;
  curve: CurvePoint[];
  phases: PhaseRecord[];
  program: ProgramState;
  error?: { name: string; message: string };
}

export interface StorageWorkerApi {
  previewDataset(file: DatasetFileInput, taskId: string, limit?: number): Promise<DatasetPreview>;
  /** Validates the whole file first; a bad file throws DatasetImportError and saves nothing. */
  importDataset(input: DatasetImportInput): Promise<DatasetImportResult>;
  listDatasets(): Promise<Listing<DatasetSummary>>;
  deleteDataset(id: string): Promise<void>;
  /** A dataset's examples (for runs on it). */
  datasetExamples(id: string): Promise<{ train: Example[]; val: Example[]; test: Example[] }>;
  taskFields(taskId: string): Promise<TaskFields>;
  listPrograms(): Promise<Listing<ProgramSummary>>;
  deleteProgram(id: string): Promise<void>;
  exportProgram(id: string, format: ProgramExportFormat): Promise<ExportedFile>;
  /** Imports the project's program JSON or DSPy program JSON (any generation). */
  importProgram(fileName: string, text: string): Promise<ProgramSummary>;
  listRuns(): Promise<Listing<RunSummary>>;
  /** Runs that did not end (closed tab, crash, pause), newest first. */
  listUnfinishedRuns(): Promise<RunSummary[]>;
  deleteRun(id: string): Promise<void>;
  /** Continues a stored run from its last checkpoint with the current model. */
  resumeStoredRun(runId: string, onEvents: EventsCallback): Promise<RunOutcome>;
  /** A stored run's finished phases retold as events, to show a past run as it happened. */
  storedRunHistory(runId: string): Promise<RunEvent[]>;
  /** Everything a stored run did, as one document (null before its baseline was scored). */
  runReport(runId: string): Promise<RunReport | null>;
  runLockState(): Promise<RunLockState>;
  lmCacheReport(): Promise<LmCacheReport>;
  clearLmCache(): Promise<LmCacheReport>;
  storageStatus(): Promise<StorageStatus>;
}
