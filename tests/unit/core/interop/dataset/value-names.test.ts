import { describe, expect, it } from 'vitest';
import { DatasetImportError } from '../../../../../src/core/interop/dataset/errors';
import { prepareDataset } from '../../../../../src/core/interop/dataset/prepare';
import { parseCsv } from '../../../../../src/storage/dataset-import/parse-csv';

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
const sst = Array.from(
  { length: 40 },
  (_, i) => `${i % 3 === 0 ? 1 : 0} review number ${i} of a film`,
).join('\n');
const request = (valueNames: Record<string, Record<string, string>>, maxRows = 100) => ({
  fileName: 'stsa.binary.dev',
  bytes: utf8(sst),
  inputFields: ['sentence'],
  outputFields: ['sentiment'],
  mapping: { sentence: 'text', sentiment: 'label' },
  keepValuesOf: ['sentiment'],
  seed: 2,
  maxRows,
  valueNames,
});
const all = (d: ReturnType<typeof prepareDataset>['dataset']) => [
  ...d.splits.train,
  ...d.splits.val,
  ...d.splits.test,
];

describe('renaming label values at import', () => {
  it('gives codes their names before sampling, so every renamed label is kept', () => {
    const { dataset } = prepareDataset(
      request({ sentiment: { '0': 'negative', '1': ' positive ' } }, 12),
      parseCsv,
    );
    const labels = all(dataset).map((e) => e.data.sentiment);
    expect(labels).toHaveLength(12);
    expect(new Set(labels)).toEqual(new Set(['negative', 'positive']));
    expect(new Set(dataset.splits.train.map((e) => e.data.sentiment)).size).toBe(2);
    expect(dataset.valueNames).toEqual({ sentiment: { '0': 'negative', '1': 'positive' } });
  });

  it('keeps a value whose new name is blank, and merges two given one name', () => {
    const kept = prepareDataset(request({ sentiment: { '0': '  ', '1': 'positive' } }), parseCsv);
    expect(new Set(all(kept.dataset).map((e) => e.data.sentiment))).toEqual(
      new Set(['0', 'positive']),
    );
    expect(kept.dataset.valueNames).toEqual({ sentiment: { '1': 'positive' } });
    const merged = prepareDataset(request({ sentiment: { '0': 'any', '1': 'any' } }), parseCsv);
    expect(new Set(all(merged.dataset).map((e) => e.data.sentiment))).toEqual(new Set(['any']));
    expect(prepareDataset(request({}), parseCsv).dataset.valueNames).toBeUndefined();
  });

  it('refuses a rename of an input field, or a name too long or on two lines', () => {
    for (const [names, problem] of [
      [{ sentence: { a: 'b' } }, /only for an output field/],
      [{ sentiment: { '0': 'x'.repeat(61) } }, /longer than 60 characters/],
      [{ sentiment: { '0': 'not\ngood' } }, /one line/],
    ] as const) {
      let error: unknown;
      try {
        prepareDataset(request(names), parseCsv);
      } catch (err) {
        error = err;
      }
      expect(error).toBeInstanceOf(DatasetImportError);
      expect((error as Error).message).toMatch(problem);
    }
  });
});
