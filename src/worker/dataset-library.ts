import {
  adaptProgramToData,
  fieldNamesFromColumns,
  renameExampleFields,
} from '../core/interop/dataset/adapt-program';
import { suggestMapping } from '../core/interop/dataset/mapping';
import { type DatasetContent, prepareDataset, readTable } from '../core/interop/dataset/prepare';
import { checkStoredProgram, readableRecords } from './schemas/stored-programs';
import type { ProgramState } from '../core/program';
import type { ScoringRules } from '../core/scoring-rules';
import { parseCsv } from '../storage/dataset-import/parse-csv';
import { type DatasetRecord, newDatasetRecord } from '../storage/datasets';
import { RecordNotFoundError } from '../storage/errors';
import { taskFields, type TaskLookup } from './task-resolver';
import { builtInRefForDataset, refOnDataset } from './dataset-ref';
import { problemOf } from './program-library';
import type { StorageDeps } from './storage-deps';
import type {
  DatasetFileInput,
  DatasetImportInput,
  DatasetImportResult,
  DatasetPreview,
  DatasetSummary,
  Listing,
  TaskRef,
} from './api';

/** Stored datasets: preview a file, import it (all or nothing), list and delete. */
export class DatasetLibrary {
  constructor(
    private readonly deps: StorageDeps,
    private readonly tasks: TaskLookup,
  ) {}

  preview(file: DatasetFileInput, taskId: string, limit = 10): DatasetPreview {
    const table = readTable(file.bytes, file.fileName, parseCsv, readOptions(file));
    const fields = taskFields(this.tasks, taskId);
    return {
      format: table.format,
      columns: table.columns,
      rows: table.rows.slice(0, limit).map((r) => ({
        item: r.item,
        values: r.values,
        ...(r.line !== undefined ? { line: r.line } : {}),
      })),
      totalRows: table.rows.length,
      issues: table.issues.slice(0, 50),
      suggestedMapping: suggestMapping(table.columns, [...fields.inputs, ...fields.outputs]),
    };
  }

  /** Validates the whole file, then writes one record; any problem throws before the write. */
  async import(input: DatasetImportInput): Promise<DatasetImportResult> {
    const fields = taskFields(this.tasks, input.taskId);
    const { dataset, notices } = prepareDataset(
      {
        fileName: input.fileName,
        bytes: input.bytes,
        inputFields: fields.inputs,
        outputFields: fields.outputs,
        mapping: input.mapping,
        seed: input.seed,
        ...(input.name ? { name: input.name } : {}),
        ...(input.ratios ? { ratios: input.ratios } : {}),
        ...readOptions(input),
      },
      parseCsv,
    );
    const record: DatasetRecord = {
      ...newDatasetRecord(
        this.deps.newId(),
        input.useColumnNames ? this.withColumnNames(dataset, input.taskId) : dataset,
        this.deps.now?.(),
      ),
      taskId: input.taskId,
    };
    await this.deps.datasets.put(record);
    return { dataset: summaryOf(record), notices };
  }

  /** The data with fields named after its columns, and the task's program adapted to it. */
  private withColumnNames(
    dataset: DatasetContent,
    taskId: string,
  ): DatasetContent & { program: ProgramState; rules: ScoringRules } {
    const task = this.tasks(taskId);
    const rename = fieldNamesFromColumns(dataset.columnMapping);
    const to = (f: string): string => rename[f] ?? f;
    const splits = {
      train: renameExampleFields(dataset.splits.train, rename),
      val: renameExampleFields(dataset.splits.val, rename),
      test: renameExampleFields(dataset.splits.test, rename),
    };
    const adapted = adaptProgramToData(
      task.program.toState(),
      {
        metricId: task.metricId,
        targetField: task.targetField,
        constraints: [...task.constraints],
      },
      rename,
      [...splits.train, ...splits.val, ...splits.test],
    );
    return {
      ...dataset,
      inputFields: dataset.inputFields.map(to),
      outputFields: dataset.outputFields.map(to),
      columnMapping: Object.fromEntries(
        Object.entries(dataset.columnMapping).map(([f, column]) => [to(f), column]),
      ),
      splits,
      ...adapted,
    };
  }

  async list(): Promise<Listing<DatasetSummary>> {
    const { records, problems } = readableRecords('dataset', await this.deps.datasets.list());
    return {
      items: records.map(summaryOf).sort((a, b) => b.createdAt.localeCompare(a.createdAt)),
      problems: problems.map(problemOf),
    };
  }

  async get(id: string): Promise<DatasetRecord> {
    const record = await this.deps.datasets.get(id);
    if (!record) throw new RecordNotFoundError('dataset', id);
    return checkStoredProgram('dataset', record);
  }

  /**
   * A built-in task's reference moved onto a stored dataset's splits (see refOnDataset), and
   * the dataset's name.
   */
  async taskOn(ref: TaskRef, datasetId: string): Promise<{ ref: TaskRef; datasetName: string }> {
    const builtIn = builtInRefForDataset(ref);
    const data = await this.get(datasetId);
    return {
      ref: refOnDataset(builtIn, data, this.tasks(builtIn.taskId, builtIn.dataSeed)),
      datasetName: data.name,
    };
  }

  async delete(id: string): Promise<void> {
    await this.deps.datasets.delete(id);
  }
}

function readOptions(file: DatasetFileInput): {
  encoding?: 'utf-8' | 'latin1';
  format?: DatasetFileInput['format'];
} {
  return {
    ...(file.encoding ? { encoding: file.encoding } : {}),
    ...(file.format ? { format: file.format } : {}),
  };
}

export function summaryOf(r: DatasetRecord): DatasetSummary {
  return {
    id: r.id,
    name: r.name,
    createdAt: r.createdAt,
    ...(r.taskId ? { taskId: r.taskId } : {}),
    fileName: r.source.fileName,
    format: r.source.format,
    rowsInFile: r.source.rowsInFile,
    ...(r.source.sampledTo !== undefined ? { sampledTo: r.source.sampledTo } : {}),
    inputFields: r.inputFields,
    outputFields: r.outputFields,
    seed: r.seed,
    sizes: {
      train: r.splits.train.length,
      val: r.splits.val.length,
      test: r.splits.test.length,
    },
    ...(r.program && r.rules ? { program: r.program, rules: r.rules } : {}),
  };
}
