import type { UseStore } from 'idb-keyval';
import type { Example } from '../core/example';
import type { JsonObject } from '../core/json';
import { openCollection } from './idb';
import { type RecordSchema, requireArray, requireObject, requireString } from './record-schema';
import { Repository } from './repository';

export type DatasetFormat = 'csv' | 'jsonl' | 'json' | 'builtin';

/** A dataset as stored: its rows already split, so a run never re-splits differently. */
export interface DatasetRecord {
  schemaVersion: number;
  id: string;
  name: string;
  createdAt: string;
  source: {
    fileName: string;
    format: DatasetFormat;
    encoding: 'utf-8' | 'latin1';
    /** Rows in the file; more than were kept when it was sampled. */
    rowsInFile: number;
    /** Set when the file was sampled down to fewer rows. */
    sampledTo?: number;
  };
  inputFields: string[];
  outputFields: string[];
  /** Which file column fed each field. */
  columnMapping: Record<string, string>;
  seed: number;
  splits: { train: Example[]; val: Example[]; test: Example[] };
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
    return record as unknown as DatasetRecord;
  },
};

/** Stored datasets. A dataset is one record (rows included), so saving it is one write. */
export class DatasetRepository extends Repository<DatasetRecord> {
  constructor(store: UseStore = openCollection('datasets')) {
    super(store, datasetSchema);
  }
}
