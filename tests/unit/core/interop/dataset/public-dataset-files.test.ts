import { describe, expect, it } from 'vitest';
import { prepareDataset, readTable } from '../../../../../src/core/interop/dataset/prepare';
import { parseCsv } from '../../../../../src/storage/dataset-import/parse-csv';
import { HAS_SHARED_DATA, SKIP_NOTE, readSharedBytes } from '../shared-data';

describe.skipIf(!HAS_SHARED_DATA)(
  `TREC's, SST-2's and CLINC150's own files, imported as they are${SKIP_NOTE}`,
  () => {
    it('reads every TREC training question with its coarse class, and keeps all six', () => {
      const bytes = readSharedBytes('trec/TREC.train');
      const table = readTable(bytes, 'TREC.train', parseCsv, { encoding: 'latin1' });
      expect(table.format).toBe('label-text');
      expect(table.issues).toEqual([]);
      expect(table.rows).toHaveLength(5452);
      expect(new Set(table.rows.map((r) => r.values.coarse_label))).toEqual(
        new Set(['ABBR', 'DESC', 'ENTY', 'HUM', 'LOC', 'NUM']),
      );
      const { dataset } = prepareDataset(
        {
          fileName: 'TREC.train',
          bytes,
          encoding: 'latin1',
          inputFields: ['question'],
          outputFields: ['type'],
          mapping: { question: 'text', type: 'coarse_label' },
          keepValuesOf: ['type'],
          seed: 3,
          maxRows: 600,
        },
        parseCsv,
      );
      const train = dataset.splits.train;
      expect(new Set(train.map((e) => e.data.type)).size).toBe(6);
      expect(train[0]?.data.question).toMatch(/\?$/);
      expect(dataset.source.rowsInFile).toBe(5452);
    });

    it('reads the SST-2 test file as 0/1 sentences', () => {
      const table = readTable(
        readSharedBytes('sst2/stsa.binary.test'),
        'stsa.binary.test',
        parseCsv,
      );
      expect(table.issues).toEqual([]);
      expect(table.columns).toEqual(['label', 'text']);
      expect(new Set(table.rows.map((r) => r.values.label))).toEqual(new Set(['0', '1']));
      expect(table.rows.length).toBeGreaterThan(1800);
    });

    it("reads CLINC150's object of splits, every intent kept when it is sampled down", () => {
      const bytes = readSharedBytes('clinc150/data_full.json');
      const table = readTable(bytes, 'data_full.json', parseCsv);
      expect(table.issues).toEqual([]);
      expect(table.columns).toEqual(['col_1', 'col_2', 'split']);
      expect(table.rows).toHaveLength(23_700);
      const { dataset, notices } = prepareDataset(
        {
          fileName: 'data_full.json',
          bytes,
          inputFields: ['utterance'],
          outputFields: ['intent'],
          mapping: { utterance: 'col_1', intent: 'col_2' },
          keepValuesOf: ['intent'],
          seed: 0,
          maxRows: 1000,
        },
        parseCsv,
      );
      expect(notices.join(' ')).toMatch(/23,700/);
      expect(new Set(dataset.splits.train.map((e) => e.data.intent)).size).toBe(151);
    });
  },
);
