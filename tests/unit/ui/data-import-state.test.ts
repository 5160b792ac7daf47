import { describe, expect, it } from 'vitest';
import { DataImportState } from '../../../src/ui/data/data-import-state.svelte';
import { importSplitNote } from '../../../src/ui/data/import-form-check';
import type { CopaClient } from '../../../src/worker/client';
import type { DatasetPreview } from '../../../src/worker/api';

/** A preview of a two-row file: the given fields over an empty table, no issues. */
function previewOf(fields: Partial<DatasetPreview>): DatasetPreview {
  return {
    format: 'csv',
    columns: [],
    rows: [],
    totalRows: 2,
    issues: [],
    suggestedMapping: {},
    columnValues: {},
    ...fields,
  };
}

describe('DataImportState.pick', () => {
  it('refuses a file over the limit with the limit in whole megabytes, as the worker says it', async () => {
    const state = new DataImportState({} as CopaClient);
    // A File whose size is over 20 MB without 20 MB of memory: only `size` is read.
    const big = { name: 'big.csv', size: 22_020_268 } as File;
    await state.pick(big);
    expect(state.error?.name).toBe('FileTooLargeError');
    expect(state.error?.message).toBe(
      'big.csv is 21.0 MB; the playground imports files up to 20 MB. Use a smaller sample of the data.',
    );
  });
});

describe('DataImportState, a second file', () => {
  it('clears the label search, which would hide every label of a file too small to show the search box', async () => {
    const preview = previewOf({
      format: 'label-text',
      columns: ['label', 'text'],
      suggestedMapping: { ticket: 'text', department: 'label' },
    });
    const client = {
      taskFields: () =>
        Promise.resolve({
          inputs: ['ticket'],
          outputs: ['department'],
          labelOutputs: ['department'],
        }),
      previewDataset: () => Promise.resolve(preview),
    } as unknown as CopaClient;
    const state = new DataImportState(client);
    await state.chooseTask('ticket-routing');
    await state.pick(new File(['0 bad\n1 good\n'], 'many-labels.txt'));
    state.labelFilter = 'intent_7';
    state.rename('department', '0', 'negative');
    await state.pick(new File(['0 bad\n1 good\n'], 'stsa.binary.dev'));
    expect(state.labelFilter).toBe('');
    expect(state.valueNames).toEqual({});
  });
});

describe('DataImportState, a field without a column', () => {
  it('names the fields Import waits for, and allows it once each has a column', async () => {
    const preview = previewOf({ columns: ['col_1'] });
    const client = {
      taskFields: () =>
        Promise.resolve({ inputs: ['ticket'], outputs: ['department'], labelOutputs: [] }),
      previewDataset: () => Promise.resolve(preview),
    } as unknown as CopaClient;
    const state = new DataImportState(client);
    await state.chooseTask('ticket-routing');
    await state.pick(new File(['a\nb\n'], 'one-column.csv'));
    expect(state.unmappedFields).toEqual(['ticket', 'department']);
    expect(state.canImport).toBe(false);
    state.mapping = { ticket: 'col_1', department: 'col_1' };
    expect(state.unmappedFields).toEqual([]);
    expect(state.canImport).toBe(true);
  });
});

describe('DataImportState, columns the file does not name', () => {
  it.each([
    ['JSON rows that are lists of values', 'json' as const, undefined],
    ['a CSV detected as headerless', 'csv' as const, { present: false, dataReason: 'holds data' }],
  ])(
    '%s: the names typed are sent to the worker, with no box to tick first',
    async (_, format, header) => {
      const preview = previewOf({
        format,
        columns: ['col_1', 'col_2'],
        positionalColumns: ['col_1', 'col_2'],
        ...(header ? { header } : {}),
      });
      const asked: { columnNames?: string[]; header?: boolean }[] = [];
      const client = {
        taskFields: () =>
          Promise.resolve({ inputs: ['ticket'], outputs: ['department'], labelOutputs: [] }),
        previewDataset: (file: { columnNames?: string[]; header?: boolean }) => {
          asked.push(file);
          return Promise.resolve(preview);
        },
      } as unknown as CopaClient;
      const state = new DataImportState(client);
      await state.chooseTask('ticket-routing');
      await state.pick(new File(['[["hi", "greeting"]]'], `rows.${format}`));
      await state.setColumnNames(' text , intent ');
      expect(asked.at(-1)).toMatchObject({ columnNames: ['text', 'intent'] });
      expect(asked.at(-1)?.header).toBeUndefined();
      // Once the user says the first row is a header, there is nothing to name.
      await state.setHeader(true);
      expect(asked.at(-1)?.columnNames).toBeUndefined();
    },
  );
});

describe('DataImportState, a split, seed, row count or name no import can use', () => {
  async function mapped(imported: unknown[]): Promise<DataImportState> {
    const preview = previewOf({
      columns: ['text', 'label'],
      suggestedMapping: { ticket: 'text', department: 'label' },
    });
    const client = {
      taskFields: () =>
        Promise.resolve({ inputs: ['ticket'], outputs: ['department'], labelOutputs: [] }),
      previewDataset: () => Promise.resolve(preview),
      importDataset: (req: unknown) => {
        imported.push(req);
        return Promise.resolve({});
      },
    } as unknown as CopaClient;
    const state = new DataImportState(client);
    await state.chooseTask('ticket-routing');
    await state.pick(new File(['text,label\na,b\n'], 'data.csv'));
    return state;
  }

  it.each([
    ['rows to keep of -1 (it kept 1 row)', { rowsToKeep: -1 }, 'rowsToKeep'],
    ['rows to keep left blank (it kept 1,000)', { rowsToKeep: undefined }, 'rowsToKeep'],
    ['rows to keep of 1e12 (it kept 5,000)', { rowsToKeep: 1e12 }, 'rowsToKeep'],
    ['rows to keep of 1.5', { rowsToKeep: 1.5 }, 'rowsToKeep'],
    ['a seed of 1e400 (it became 0)', { seed: Number.NaN }, 'seed'],
    ['a seed of 1.5 (it became 1)', { seed: 1.5 }, 'seed'],
    ['a blank training share', { trainPct: undefined }, 'trainPct'],
    ['a negative test share', { testPct: -1 }, 'testPct'],
    [
      'a training share of 0 (bootstrapping had nothing to learn from)',
      { trainPct: 0 },
      'trainPct',
    ],
    ['a validation share of 0 (a run had nothing to score on)', { valPct: 0 }, 'valPct'],
    ['a 121-character name', { name: 'n'.repeat(121) }, 'name'],
  ] as const)('refuses %s beside its box and imports nothing', async (_, values, box) => {
    const imported: unknown[] = [];
    const state = await mapped(imported);
    expect(state.canImport).toBe(true);
    Object.assign(state, values);
    expect(Object.keys(state.formProblems)).toEqual([box]);
    expect(state.canImport).toBe(false);
    await state.save();
    expect(imported).toEqual([]);
  });

  it('says why a training or validation share of 0 is refused; a test share of 0 imports, said under the split', async () => {
    const imported: { ratios?: unknown }[] = [];
    const state = await mapped(imported);
    Object.assign(state, { trainPct: 0, valPct: 0, testPct: 100 });
    expect(state.formProblems).toEqual({
      trainPct: 'Training % must be above 0: COPA picks its demos from the training examples.',
      valPct:
        'Validation % must be above 0: COPA scores every candidate on the validation examples.',
    });
    expect(importSplitNote(state)).toBeNull();
    Object.assign(state, { trainPct: 70, valPct: 30, testPct: 0 });
    expect(state.formProblems).toEqual({});
    expect(importSplitNote(state)).toBe('No test set: Results will have nothing to score.');
    await state.save();
    expect(imported[0]).toMatchObject({ ratios: { train: 70, val: 30, test: 0 } });
  });

  it('says what each box allows, and sends the values as typed once they are usable', async () => {
    const imported: { seed?: number; maxRows?: number; ratios?: unknown; name?: string }[] = [];
    const state = await mapped(imported);
    Object.assign(state, { rowsToKeep: 0, seed: 2 ** 40, trainPct: 101 });
    expect(state.formProblems).toEqual({
      rowsToKeep: 'Rows to keep must be a whole number from 1 to 5,000, not 0.',
      seed: 'Split seed must be a whole number from -2,147,483,648 to 4,294,967,295, not 1099511627776.',
      trainPct: 'Training % must be from 0 to 100, not 101.',
    });
    Object.assign(state, { rowsToKeep: 5000, seed: -7, trainPct: 60, name: ' مرحبا 👋 ' });
    expect(state.formProblems).toEqual({});
    await state.save();
    expect(imported[0]).toMatchObject({
      maxRows: 5000,
      seed: -7,
      ratios: { train: 60, val: 30, test: 20 },
      name: 'مرحبا 👋',
    });
  });
});
