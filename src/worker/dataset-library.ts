import {
  adaptProgramToData,
  fieldNamesFromColumns,
  renameExampleFields,
} from '../core/interop/dataset/adapt-program';
import { suggestMapping } from '../core/interop/dataset/mapping';
import {
  type DatasetContent,
  DEFAULT_IMPORT_LIMITS,
  prepareDataset,
  readTable,
} from '../core/interop/dataset/prepare';
import { DatasetImportError } from '../core/interop/dataset/errors';
import { importOptionIssues } from './dataset-import-options';
import { distinctName, recordName } from '../core/record-name';
import { columnValues, guessMapping, shortened } from './dataset-preview';
import { taskDescriptionFromData, taskNameFromData } from '../core/interop/dataset/task-naming';
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
    const values = columnValues(table);
    const suggestedMapping = guessMapping(
      table.columns,
      values,
      fields,
      suggestMapping(table.columns, [...fields.inputs, ...fields.outputs]),
    );
    return {
      format: table.format,
      columns: table.columns,
      rows: table.rows.slice(0, limit).map((r) => ({
        item: r.item,
        values: shortened(r.values),
        ...(r.line !== undefined ? { line: r.line } : {}),
      })),
      totalRows: table.rows.length,
      issues: table.issues.slice(0, 50),
      suggestedMapping,
      ...(table.header ? { header: table.header } : {}),
      ...(table.delimiter !== undefined ? { delimiter: table.delimiter } : {}),
      ...(table.positionalColumns ? { positionalColumns: table.positionalColumns } : {}),
      columnValues: values,
    };
  }

  /** Validates the whole file, then writes one record; any problem throws before the write. */
  async import(input: DatasetImportInput): Promise<DatasetImportResult> {
    const optionIssues = importOptionIssues(input);
    if (optionIssues.length > 0) throw new DatasetImportError(input.fileName, optionIssues);
    const fields = taskFields(this.tasks, input.taskId);
    const { dataset, notices } = prepareDataset(
      {
        fileName: input.fileName,
        bytes: input.bytes,
        inputFields: fields.inputs,
        outputFields: fields.outputs,
        mapping: input.mapping,
        seed: input.seed,
        maxRows: Math.min(
          input.maxRows ?? DEFAULT_IMPORT_LIMITS.suggestedRows,
          DEFAULT_IMPORT_LIMITS.maxRows,
        ),
        keepValuesOf: fields.labelOutputs,
        ...(input.valueNames ? { valueNames: input.valueNames } : {}),
        ...(input.ratios ? { ratios: input.ratios } : {}),
        ...readOptions(input),
      },
      parseCsv,
    );
    const made = input.useColumnNames
      ? this.withColumnNames(dataset, input.taskId)
      : this.withTaskProgram(dataset, input.taskId);
    // The first label output's labels, as the program now has them (the data's, when adapted).
    const labelCount = made.program.steps
      .flatMap((step) => step.signature.outputs)
      .find((f) => f.type === 'label')?.labels?.length;
    const labelChars = made.program.steps
      .flatMap((step) => step.signature.outputs)
      .reduce((n, f) => n + (f.labels ?? []).reduce((m, l) => m + l.length + 2, 0), 0);
    // As the context guard estimates: three characters a token; a quarter of a 4,096 window.
    if (labelChars / 3 > 1024)
      made.notices.push(
        `The labels take about ${Math.ceil(labelChars / 3).toLocaleString('en')} prompt tokens, more than a quarter of a 4,096-token model context; with demos and inputs, calls may not fit. Merge rare labels, shorten their names, or choose a model with a longer context.`,
      );
    const named = { inputs: made.inputFields, outputs: made.outputFields };
    // A name typed is checked as a rename is (at most 120 characters); blank: one from the file.
    const asked = input.name?.trim()
      ? recordName(input.name)
      : taskNameFromData(input.fileName, named);
    const taken = new Set((await this.deps.datasets.list()).records.map((r) => r.name));
    const name = distinctName(asked, taken);
    if (name !== asked)
      notices.unshift(
        `A dataset named “${asked}” is already saved, so this one is named “${name}”; rename either in the Library.`,
      );
    const description =
      input.description?.trim() || taskDescriptionFromData(input.fileName, named, labelCount);
    const record: DatasetRecord = {
      ...newDatasetRecord(
        this.deps.newId(),
        { ...made.dataset, name, description },
        this.deps.now?.(),
      ),
      taskId: input.taskId,
      program: { ...made.program, description },
    };
    await this.deps.datasets.put(record);
    return { dataset: summaryOf(record), notices: [...notices, ...made.notices] };
  }

  /**
   * The data under the task's own field names with the task's program and rules, so that the
   * program can take the data's description (the task's would leak into runs and exports).
   */
  private withTaskProgram(dataset: DatasetContent, taskId: string): MadeTask {
    const task = this.tasks(taskId);
    return {
      dataset: {
        ...dataset,
        rules: {
          metricId: task.metricId,
          targetField: task.targetField,
          constraints: [...task.constraints],
        },
      },
      program: task.program.toState(),
      inputFields: dataset.inputFields,
      outputFields: dataset.outputFields,
      splits: dataset.splits,
      notices: [],
    };
  }

  /** The data with fields named after its columns, and the task's program adapted to it. */
  private withColumnNames(dataset: DatasetContent, taskId: string): MadeTask {
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
    const inputFields = dataset.inputFields.map(to);
    const outputFields = dataset.outputFields.map(to);
    return {
      dataset: {
        ...dataset,
        inputFields,
        outputFields,
        columnMapping: Object.fromEntries(
          Object.entries(dataset.columnMapping).map(([f, column]) => [to(f), column]),
        ),
        ...(dataset.valueNames
          ? {
              valueNames: Object.fromEntries(
                Object.entries(dataset.valueNames).map(([f, names]) => [to(f), names]),
              ),
            }
          : {}),
        splits,
        rules: adapted.rules,
      },
      program: adapted.program,
      inputFields,
      outputFields,
      splits,
      notices: adapted.notices,
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

  /**
   * A new name (checked first: a refused one writes nothing); rows, splits and program stay.
   * Runs made on the data keep the name they were given (they are renamed on their own).
   */
  async rename(id: string, name: string): Promise<DatasetSummary> {
    const checked = recordName(name);
    return summaryOf(await this.deps.datasets.update(id, (r) => ({ ...r, name: checked })));
  }
}

/** A dataset made into a task: its content (with rules), its program and renamed fields. */
interface MadeTask {
  dataset: DatasetContent & { rules: ScoringRules };
  program: ProgramState;
  inputFields: string[];
  outputFields: string[];
  splits: DatasetContent['splits'];
  notices: string[];
}

function readOptions(file: DatasetFileInput): {
  encoding?: 'utf-8' | 'latin1';
  format?: DatasetFileInput['format'];
  header?: boolean;
  columnNames?: string[];
} {
  return {
    ...(file.encoding ? { encoding: file.encoding } : {}),
    ...(file.format ? { format: file.format } : {}),
    ...(file.header !== undefined ? { header: file.header } : {}),
    ...(file.columnNames ? { columnNames: file.columnNames } : {}),
  };
}

export function summaryOf(r: DatasetRecord): DatasetSummary {
  return {
    id: r.id,
    name: r.name,
    ...(r.description ? { description: r.description } : {}),
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
