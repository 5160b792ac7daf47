import { describe, expect, it } from 'vitest';
import { DatasetImportError } from '../../../../../src/core/interop/dataset/errors';
import { prepareDataset, readTable } from '../../../../../src/core/interop/dataset/prepare';
import { parseCsv } from '../../../../../src/storage/dataset-import/parse-csv';

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

/** CLINC150's layout: an object of parts whose rows are [text, intent] lists. */
const clincLike = JSON.stringify({
  train: Array.from({ length: 12 }, (_, i) => [`please do thing ${i}`, `intent_${i % 3}`]),
  val: [['what is my balance', 'balance']],
  test: [['book me a flight', 'book_flight']],
});
const read = (fileName: string, text: string, columnNames?: string[]) =>
  readTable(utf8(text), fileName, parseCsv, columnNames ? { columnNames } : {});

describe('naming the columns a file leaves unnamed', () => {
  it('a JSON object of parts of [text, intent] lists: the lists take the names, `split` stays', () => {
    const t = read('data_full.json', clincLike, ['text', 'intent']);
    expect(t.issues).toEqual([]);
    expect(t.columns).toEqual(['text', 'intent', 'split']);
    expect(t.positionalColumns).toEqual(['text', 'intent']);
    expect(t.rows.at(-1)?.values).toEqual({
      text: 'book me a flight',
      intent: 'book_flight',
      split: 'test',
    });
  });

  it('the same names reach JSON Lines of lists and a headerless CSV (one naming path)', () => {
    const jsonl = read('rows.jsonl', '["hi", "greeting"]\n["bye", "goodbye"]\n', [
      'text',
      'intent',
    ]);
    expect(jsonl.columns).toEqual(['text', 'intent']);
    expect(jsonl.rows[1]?.values).toEqual({ text: 'bye', intent: 'goodbye' });
    const csv = read('news.csv', '1,"A headline about markets"\n2,"Another one"\n', ['label']);
    expect(csv.header?.present).toBe(false);
    // A blank (or missing) name keeps col_N.
    expect(csv.columns).toEqual(['label', 'col_2']);
    expect(csv.rows[0]?.values).toEqual({ label: '1', col_2: 'A headline about markets' });
  });

  it('names are ignored for a file that names its columns', () => {
    const t = read('rows.json', '[{"q": "a", "a": "b"}]', ['text', 'intent']);
    expect(t.columns).toEqual(['q', 'a']);
    expect(t.issues).toEqual([]);
    expect(read('h.csv', 'text,label\nhi,x\n', ['a', 'b']).columns).toEqual(['text', 'label']);
  });

  it.each([
    [['__proto__', 'intent'], 'col_1', /“__proto__”, is reserved: .*rename it/],
    [['constructor', 'intent'], 'col_1', /“constructor”, is reserved/],
    [['text', 'text'], 'col_2', /“text”, is also given to col_1; give each column its own name/],
    [['text', 'split'], 'col_2', /“split”, is already the name of another column/],
    // col_2 left blank keeps its name, so col_1 cannot take it.
    [['col_2', ''], 'col_1', /“col_2”, is already the name of another column/],
  ])('refuses %j with a problem on the column, and names nothing', (names, column, message) => {
    const t = read('data_full.json', clincLike, names);
    expect(t.issues).toEqual([{ column, message: expect.stringMatching(message) }]);
    expect(t.columns).toEqual(['col_1', 'col_2', 'split']);
  });

  it('refuses more names than unnamed columns, naming the extra ones', () => {
    const t = read('data_full.json', clincLike, ['text', 'intent', 'part']);
    expect(t.issues).toEqual([
      {
        message:
          '3 column names were given, but the file has 2 columns without a name (col_1, col_2); remove “part”',
      },
    ]);
  });

  it('an import with a refused name saves nothing and says why', () => {
    const request = {
      fileName: 'data_full.json',
      bytes: utf8(clincLike),
      inputFields: ['ticket'],
      outputFields: ['department'],
      mapping: { ticket: 'col_1', department: 'col_2' },
      seed: 1,
    };
    expect(() => prepareDataset({ ...request, columnNames: ['text', 'text'] }, parseCsv)).toThrow(
      DatasetImportError,
    );
    expect(() => prepareDataset({ ...request, columnNames: ['text', 'text'] }, parseCsv)).toThrow(
      /column "col_2": the name given to it, “text”, is also given to col_1/,
    );
    const { dataset } = prepareDataset(
      {
        ...request,
        columnNames: ['text', 'intent'],
        mapping: { ticket: 'text', department: 'intent' },
      },
      parseCsv,
    );
    expect(dataset.columnMapping).toEqual({ ticket: 'text', department: 'intent' });
    expect(dataset.splits.train[0]?.data).toHaveProperty('department');
  });
});
