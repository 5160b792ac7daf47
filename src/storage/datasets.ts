import type { UseStore } from 'idb-keyval';
import type { DatasetContent } from '../core/interop/dataset/prepare';
import type { JsonObject } from '../core/json';
import type { ProgramState } from '../core/program';
import type { ScoringRules } from '../core/scoring-rules';
import { openCollection } from './idb';
import { type RecordSchema, requireArray, requireObject, requireString } from './record-schema';
import { Repository } from './repository';

/** A dataset as stored: its rows already split, so a run never re-splits differently. */
export interface DatasetRecord extends DatasetContent {
  schemaVersion: number;
  id: string;
  createdAt: string;
  /** The built-in task whose program the data was mapped to, when there is one. */
  taskId?: string;
  /**
   * The task's program adapted to this data (its fields named after the file's columns), with
   * its scoring rules; set when the import kept the file's names. Runs on the data use it.
   */
  program?: ProgramState;
  rules?: ScoringRules;
}

export const DATASET_SCHEMA_VERSION = 1;

export const datasetSchema: RecordSchema<DatasetRecord> = {
  noun: 'dataset',
  version: DATASET_SCHEMA_VERSION,
  migrations: {},
  validate(record, fail) {
    requireString(record, 'name', fail);
    requireString(record, 'createdAt', fail);
    requireObject(record, 'source', fail);
    requireArray(record, 'inputFields', fail);
    requireArray(record, 'outputFields', fail);
    const splits = requireObject(record, 'splits', fail);
    for (const split of ['train', 'val', 'test'])
      for (const ex of requireArray(splits, split, fail))
        if (typeof ex !== 'object' || ex === null || typeof (ex as JsonObject).id !== 'string')
          fail(`an example of the ${split} split has no id`);
        else if (!isObject((ex as JsonObject).data))
          fail(`an example of the ${split} split has no values`);
    if (record.program !== undefined) {
      const program = requireObject(record, 'program', fail);
      requireArray(program, 'steps', fail);
      const rules = requireObject(record, 'rules', fail);
      requireString(rules, 'targetField', fail);
    }
    return record as unknown as DatasetRecord;
  },
};

/** Stored datasets. A dataset is one record (rows included), so saving it is one write. */
function isObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export class DatasetRepository extends Repository<DatasetRecord> {
  constructor(store: UseStore = openCollection('datasets')) {
    super(store, datasetSchema);
  }
}

/** The record for a prepared dataset (see core's `prepareDataset`). */
export function newDatasetRecord(
  id: string,
  dataset: DatasetContent,
  now = new Date(),
): DatasetRecord {
  return { ...dataset, schemaVersion: DATASET_SCHEMA_VERSION, id, createdAt: now.toISOString() };
}
