import { describe, expect, it } from 'vitest';
import { freshStore, putRaw, storeThatFills } from './test-stores';
import {
  DatasetRepository,
  type DatasetRecord,
  DATASET_SCHEMA_VERSION,
} from '../../../src/storage/datasets';
import { ProgramRepository, type ProgramRecord } from '../../../src/storage/programs';
import {
  CorruptRecordError,
  NewerRecordError,
  StorageQuotaError,
} from '../../../src/storage/errors';
import {
  type RecordSchema,
  upgradeRecord,
  type VersionedRecord,
} from '../../../src/storage/record-schema';
import { Repository } from '../../../src/storage/repository';
import { predict, Program } from '../../../src/core/program';

function dataset(id: string, name = 'TREC sample'): DatasetRecord {
  return {
    schemaVersion: DATASET_SCHEMA_VERSION,
    id,
    name,
    createdAt: '2025-01-01T00:00:00.000Z',
    source: { fileName: 'trec.csv', format: 'csv', encoding: 'utf-8', rowsInFile: 3 },
    inputFields: ['question'],
    outputFields: ['label'],
    columnMapping: { question: 'text', label: 'label' },
    seed: 1,
    splits: {
      train: [{ id: 'r2', data: { question: 'Who?', label: 'HUM' } }],
      val: [{ id: 'r3', data: { question: 'Where?', label: 'LOC' } }],
      test: [{ id: 'r4', data: { question: 'When?', label: 'NUM' } }],
    },
  };
}

function programRecord(id: string): ProgramRecord {
  return {
    schemaVersion: 1,
    id,
    name: 'Sentiment',
    savedAt: '2025-01-02T00:00:00.000Z',
    origin: 'run',
    program: new Program([predict('classify', 'text -> label')]).toState(),
    provenance: {
      modelId: 'stand-in-v1',
      engine: 'stand-in',
      seed: 3,
      datasetId: 'd1',
      scores: { validation: 0.75 },
      createdAt: '2025-01-02T00:00:00.000Z',
    },
  };
}

describe('DatasetRepository', () => {
  it('saves, lists, reads and deletes datasets', async () => {
    const repo = new DatasetRepository(freshStore());
    await repo.put(dataset('d1'));
    await repo.put(dataset('d2', 'Other'));
    expect((await repo.get('d1'))?.splits.train[0]?.data.label).toBe('HUM');
    expect((await repo.list()).records.map((r) => r.id).sort()).toEqual(['d1', 'd2']);
    await repo.delete('d1');
    expect(await repo.get('d1')).toBeUndefined();
    expect((await repo.list()).records.map((r) => r.id)).toEqual(['d2']);
  });

  it('refuses a record from a newer app version with a named error, and lists it as a problem', async () => {
    const store = freshStore();
    const repo = new DatasetRepository(store);
    await repo.put(dataset('ok'));
    await putRaw(store, 'future', { ...dataset('future'), schemaVersion: 2 });
    await expect(repo.get('future')).rejects.toBeInstanceOf(NewerRecordError);
    await expect(repo.get('future')).rejects.toThrow(
      /newer version of COPA Playground \(record version 2; this version reads up to 1\)/,
    );
    const listed = await repo.list();
    expect(listed.records.map((r) => r.id)).toEqual(['ok']);
    expect(listed.problems.map((p) => [p.id, p.error.name])).toEqual([
      ['future', 'NewerRecordError'],
    ]);
  });

  it('reports damaged records by name', async () => {
    const store = freshStore();
    const repo = new DatasetRepository(store);
    await putRaw(store, 'a', { id: 'a', name: 'x' });
    await putRaw(store, 'b', {
      ...dataset('b'),
      splits: { train: [{ data: {} }], val: [], test: [] },
    });
    await expect(repo.get('a')).rejects.toThrow(/no schema version/);
    await expect(repo.get('b')).rejects.toThrow(CorruptRecordError);
    await expect(repo.get('b')).rejects.toThrow(/train split has no id/);
  });

  it('on a full disk throws StorageQuotaError and keeps the earlier data', async () => {
    const { store, full } = storeThatFills(freshStore());
    const repo = new DatasetRepository(store);
    await repo.put(dataset('d1'));
    full.on = true;
    const err = await repo.put(dataset('d1', 'renamed')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StorageQuotaError);
    expect((err as Error).message).toMatch(
      /storage for this site is full.*Everything saved earlier is intact/,
    );
    full.on = false;
    expect((await repo.get('d1'))?.name).toBe('TREC sample');
  });
});

describe('ProgramRepository', () => {
  it('keeps the program with its provenance', async () => {
    const repo = new ProgramRepository(freshStore());
    await repo.put(programRecord('p1'));
    const back = await repo.get('p1');
    expect(back).toEqual(programRecord('p1'));
    expect(Program.fromState(back?.program).steps[0]?.name).toBe('classify');
  });

  it('refuses newer and damaged program records', async () => {
    const store = freshStore();
    const repo = new ProgramRepository(store);
    await putRaw(store, 'n', { ...programRecord('n'), schemaVersion: 9 });
    await putRaw(store, 'o', { ...programRecord('o'), origin: 'martians' });
    await putRaw(store, 'q', { ...programRecord('q'), provenance: { scores: {} } });
    await expect(repo.get('n')).rejects.toBeInstanceOf(NewerRecordError);
    await expect(repo.get('o')).rejects.toThrow(/unknown origin "martians"/);
    await expect(repo.get('q')).rejects.toThrow(/"modelId" is not text/);
  });
});

describe('record migrations', () => {
  interface NoteV3 extends VersionedRecord {
    title: string;
    tags: string[];
  }
  // A made-up collection with two migrations (v1 had `name`, v2 renamed it, v3 added tags).
  const noteSchema: RecordSchema<NoteV3> = {
    noun: 'note',
    version: 3,
    migrations: {
      1: ({ name, ...rest }) => ({ ...rest, title: name ?? '' }),
      2: (r) => ({ ...r, tags: [] }),
    },
    validate(r, fail) {
      if (typeof r.title !== 'string') fail('no title');
      return r as unknown as NoteV3;
    },
  };

  it('brings v1 and v2 records to v3 on read, and writes v3', async () => {
    const store = freshStore();
    const repo = new Repository(store, noteSchema);
    await putRaw(store, 'a', { schemaVersion: 1, id: 'a', name: 'old' });
    await putRaw(store, 'b', { schemaVersion: 2, id: 'b', title: 'mid' });
    expect(await repo.get('a')).toEqual({ schemaVersion: 3, id: 'a', title: 'old', tags: [] });
    expect(await repo.get('b')).toEqual({ schemaVersion: 3, id: 'b', title: 'mid', tags: [] });
    const a = await repo.get('a');
    if (a) await repo.put(a);
    const { get } = await import('idb-keyval');
    expect(await get('a', store)).toMatchObject({ schemaVersion: 3, title: 'old' });
  });

  it('says so when a migration step is missing', () => {
    const gap: RecordSchema<NoteV3> = {
      ...noteSchema,
      migrations: { 2: noteSchema.migrations[2]! },
    };
    expect(() => upgradeRecord(gap, 'x', { schemaVersion: 1, id: 'x', name: 'n' })).toThrow(
      /no migration from version 1/,
    );
  });
});
