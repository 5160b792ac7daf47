import { describe, expect, it } from 'vitest';
import { freshStore } from '../../../storage/test-stores';
import { prepareDataset, readTable } from '../../../../../src/core/interop/dataset/prepare';
import {
  DatasetImportError,
  FileTooLargeError,
  NotUtf8Error,
} from '../../../../../src/core/interop/dataset/errors';
import { splitExamples } from '../../../../../src/core/interop/dataset/split';
import { suggestMapping } from '../../../../../src/core/interop/dataset/mapping';
import { DatasetRepository, newDatasetRecord } from '../../../../../src/storage/datasets';
import { parseCsv } from '../../../../../src/storage/dataset-import/parse-csv';
import { HAS_SHARED_DATA, SKIP_NOTE, readSharedBytes } from '../shared-data';

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
const csv = (n: number): string =>
  [
    'Text,Sentiment',
    ...Array.from({ length: n }, (_, i) => `review ${i},${i % 2 ? 'pos' : 'neg'}`),
  ].join('\n');
const base = {
  id: 'd1',
  inputFields: ['text'],
  outputFields: ['label'],
  seed: 7,
  now: new Date(0),
};

describe('prepareDataset', () => {
  it('maps columns, splits with the seed and gives a record the repository stores', async () => {
    const { dataset: record, notices } = prepareDataset(
      {
        ...base,
        fileName: 'reviews.csv',
        bytes: utf8(csv(10)),
        mapping: { label: 'Sentiment' },
      },
      parseCsv,
    );
    expect(notices).toEqual([]);
    expect(record.columnMapping).toEqual({ text: 'Text', label: 'Sentiment' });
    expect(record.source).toEqual({
      fileName: 'reviews.csv',
      format: 'csv',
      encoding: 'utf-8',
      rowsInFile: 10,
    });
    const { train, val, test } = record.splits;
    expect([train.length, val.length, test.length]).toEqual([5, 3, 2]);
    expect(new Set([...train, ...val, ...test].map((e) => e.id)).size).toBe(10);
    expect(train[0]?.data).toHaveProperty('label');
    const repo = new DatasetRepository(freshStore());
    await repo.put(newDatasetRecord('d1', record, new Date(0)));
    expect(await repo.get('d1')).toEqual({
      ...record,
      schemaVersion: 1,
      id: 'd1',
      createdAt: '1970-01-01T00:00:00.000Z',
    });
  });

  it('the same seed gives the same split; another seed another', () => {
    const examples = Array.from({ length: 40 }, (_, i) => ({ id: `r${i}`, data: { x: i } }));
    const ids = (seed: number) => splitExamples(examples, seed).train.map((e) => e.id);
    expect(ids(3)).toEqual(ids(3));
    expect(ids(3)).not.toEqual(ids(4));
  });

  it.each([
    [2, { train: 0.5, val: 0.3, test: 0.2 }, { train: 1, val: 1, test: 0 }],
    [4, { train: 0.8, val: 0.1, test: 0.1 }, { train: 3, val: 1, test: 0 }],
    [3, { train: 0.1, val: 0.1, test: 0.8 }, { train: 1, val: 1, test: 1 }],
    [10, { train: 0.5, val: 0.3, test: 0.2 }, { train: 5, val: 3, test: 2 }],
    [10, { train: 0.7, val: 0.3, test: 0 }, { train: 7, val: 3, test: 0 }],
  ])(
    'a split of %i examples by %o gives training and validation an example each when it rounds one away: %o',
    (n, ratios, sizes) => {
      const examples = Array.from({ length: n }, (_, i) => ({ id: `r${i}`, data: { x: i } }));
      const split = splitExamples(examples, 1, ratios);
      expect({ train: split.train.length, val: split.val.length, test: split.test.length }).toEqual(
        sizes,
      );
    },
  );

  it('a one-row file is saved, and told that a run cannot start on it', () => {
    const { dataset, notices } = prepareDataset(
      { ...base, fileName: 'one.csv', bytes: utf8(csv(1)), mapping: { label: 'Sentiment' } },
      parseCsv,
    );
    expect(dataset.splits.val).toEqual([]);
    expect(notices).toEqual([
      expect.stringMatching(
        /^This dataset has no validation examples: COPA scores every candidate/,
      ),
    ]);
    expect(notices[0]).toContain('A run cannot start on it');
  });

  it('samples more rows than the limit, seeded, and says so', () => {
    const { dataset: record, notices } = prepareDataset(
      {
        ...base,
        fileName: 'big.csv',
        bytes: utf8(csv(120)),
        mapping: { label: 'Sentiment' },
        maxRows: 50,
      },
      parseCsv,
    );
    expect(record.source).toMatchObject({ rowsInFile: 120, sampledTo: 50 });
    expect(notices[0]).toMatch(/big\.csv has 120 rows; a random sample of 50 \(seed 7\) was kept/);
    const again = prepareDataset(
      {
        ...base,
        fileName: 'big.csv',
        bytes: utf8(csv(120)),
        mapping: { label: 'Sentiment' },
        maxRows: 50,
      },
      parseCsv,
    );
    expect(again.dataset.splits).toEqual(record.splits);
  });

  it('keeps no "every value" of a free-text output: validation and test keep their share', () => {
    // A question column mapped to a label output (GSM8K on the ticket router): every value is
    // new, so keeping each in training would leave one validation and one test example.
    const text = [
      'answer,question',
      ...Array.from({ length: 300 }, (_, i) => `${i},What is ${i} plus one?`),
    ].join('\n');
    const { dataset, notices } = prepareDataset(
      {
        ...base,
        inputFields: ['answer'],
        outputFields: ['question'],
        fileName: 'qa.csv',
        bytes: utf8(text),
        maxRows: 200,
        keepValuesOf: ['question'],
      },
      parseCsv,
    );
    expect(dataset.splits.val.length).toBeGreaterThan(40);
    expect(dataset.splits.test.length).toBeGreaterThan(20);
    expect(notices[0]).not.toContain('keeping every value');
  });

  it('still keeps every value of a label output that repeats', () => {
    const { dataset } = prepareDataset(
      {
        ...base,
        fileName: 'big.csv',
        bytes: utf8(csv(120)),
        mapping: { label: 'Sentiment' },
        maxRows: 50,
        keepValuesOf: ['label'],
      },
      parseCsv,
    );
    expect(new Set(dataset.splits.train.map((e) => e.data.label))).toEqual(new Set(['pos', 'neg']));
  });

  it('refuses a file over the size limit before reading it', () => {
    expect(() =>
      prepareDataset(
        {
          ...base,
          fileName: 'huge.csv',
          bytes: new Uint8Array(2001),
          maxBytes: 2000,
        },
        parseCsv,
      ),
    ).toThrow(FileTooLargeError);
  });

  it('states the size limit as the 20 MB it is, not 20.97152 or 21', () => {
    const err = new FileTooLargeError('big.csv', 22_020_268, 20 * 1024 * 1024);
    expect(err.message).toBe(
      'big.csv is 21.0 MB; the playground imports files up to 20 MB. Use a smaller sample of the data.',
    );
  });

  it('a file just over the limit is never said to be the limit itself (20.0 MB of 20 MB)', () => {
    const err = new FileTooLargeError('big.csv', 21_000_000, 20 * 1024 * 1024);
    expect(err.message).toContain('big.csv is 20.1 MB;');
  });

  it('refuses non-UTF-8 text, naming the line', () => {
    const bad = new Uint8Array([...utf8('text,label\nok,1\ncaf'), 0xe9, ...utf8(',2\n')]);
    expect(() => prepareDataset({ ...base, fileName: 'latin.csv', bytes: bad }, parseCsv)).toThrow(
      /line 3/,
    );
    expect(() => prepareDataset({ ...base, fileName: 'latin.csv', bytes: bad }, parseCsv)).toThrow(
      NotUtf8Error,
    );
    expect(
      prepareDataset({ ...base, fileName: 'latin.csv', bytes: bad, encoding: 'latin1' }, parseCsv)
        .dataset.source.encoding,
    ).toBe('latin1');
  });

  it('a malformed CSV is refused as a whole with its line number', () => {
    const err = (() => {
      try {
        prepareDataset(
          {
            ...base,
            fileName: 'bad.csv',
            bytes: utf8('text,label\na,1\nb,2,3\nc,3\n'),
          },
          parseCsv,
        );
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(DatasetImportError);
    expect((err as DatasetImportError).issues).toEqual([
      { line: 3, message: 'this row has 3 values but the header has 2 columns' },
    ]);
    expect((err as Error).message).toMatch(
      /^bad\.csv was not imported \(nothing was saved\): line 3: this row has 3 values/,
    );
  });

  it('reports unmapped fields and empty values with line, column and field', () => {
    expect(() =>
      prepareDataset({ ...base, fileName: 'a.csv', bytes: utf8('text,other\nx,1\n') }, parseCsv),
    ).toThrow(/field "label": no column is chosen for this field/);
    expect(() =>
      prepareDataset(
        {
          ...base,
          fileName: 'a.csv',
          bytes: utf8('text,other\nx,1\n'),
          mapping: { label: 'nope' },
        },
        parseCsv,
      ),
    ).toThrow(/column "nope", field "label": the file has no such column/);
    const err = (() => {
      try {
        prepareDataset(
          {
            ...base,
            fileName: 'a.jsonl',
            bytes: utf8('{"text": "a", "label": "x"}\n{"text": " ", "label": "y"}\n'),
          },
          parseCsv,
        );
      } catch (e) {
        return e as DatasetImportError;
      }
    })();
    expect(err?.issues).toEqual([
      { line: 2, column: 'text', field: 'text', message: 'the value is missing or empty' },
    ]);
  });

  it('rows without a value are all named, with what to do about them', () => {
    const rows = Array.from(
      { length: 400 },
      (_, i) => `"ticket about thing ${i}",${i % 7 === 3 ? '' : i % 2 ? 'pos' : 'neg'}`,
    );
    const message = (() => {
      try {
        prepareDataset(
          { ...base, fileName: 'gaps.csv', bytes: utf8(['text,label', ...rows].join('\n')) },
          parseCsv,
        );
      } catch (e) {
        return (e as Error).message;
      }
    })();
    // 57 rows (every seventh, from line 5) have no label: 20 by line, the rest counted.
    const first20 = Array.from({ length: 20 }, (_, k) => 5 + 7 * k).join(', ');
    expect(message).toContain(
      `Rows without a value (lines ${first20} and 37 more): fill them in or delete them in the file, then choose it again.`,
    );
  });

  it('a JSONL file with a bad line is refused', () => {
    expect(() =>
      prepareDataset(
        {
          ...base,
          fileName: 'a.jsonl',
          bytes: utf8('{"text": "a", "label": "x"}\n{oops}\n'),
        },
        parseCsv,
      ),
    ).toThrow(/line 2: not valid JSON/);
  });

  it('counts problems beyond the listed ones', () => {
    const rows = Array.from({ length: 60 }, () => ',x').join('\n');
    const err = (() => {
      try {
        prepareDataset(
          { ...base, fileName: 'e.csv', bytes: utf8(`text,label\n${rows}\n`) },
          parseCsv,
        );
      } catch (e) {
        return e as DatasetImportError;
      }
    })();
    expect(err?.issues).toHaveLength(50);
    expect(err?.message).toMatch(/and 57 more problem\(s\)/);
  });

  it('suggestMapping matches names ignoring case and punctuation', () => {
    expect(suggestMapping(['Question', 'gold_answer', 'Answer '], ['question', 'answer'])).toEqual({
      question: 'Question',
      answer: 'Answer ',
    });
  });

  it.skipIf(!HAS_SHARED_DATA)(
    `imports the real GSM8K test JSONL (1,319 rows), sampled to 500${SKIP_NOTE}`,
    () => {
      const bytes = readSharedBytes('gsm8k/test.jsonl');
      expect(readTable(bytes, 'test.jsonl', parseCsv).rows).toHaveLength(1319);
      const { dataset: record, notices } = prepareDataset(
        {
          ...base,
          fileName: 'test.jsonl',
          bytes,
          inputFields: ['question'],
          outputFields: ['answer'],
          maxRows: 500,
        },
        parseCsv,
      );
      expect(record.source).toMatchObject({ format: 'jsonl', rowsInFile: 1319, sampledTo: 500 });
      expect(notices).toHaveLength(1);
      const all = [...record.splits.train, ...record.splits.val, ...record.splits.test];
      expect(all).toHaveLength(500);
      expect(all.every((e) => /####\s*-?[\d,.]+\s*$/.test(String(e.data.answer)))).toBe(true);
    },
  );
});

describe('prepareDataset with repeated rows', () => {
  const rows = [
    'text,label',
    'a good film,pos',
    'a bad film,neg',
    'a good film,pos',
    'a dull film,neg',
    'a good film,neg',
    'a bad film,neg',
  ].join('\n');

  it('keeps the first of rows that repeat every field, and says which were left out', () => {
    const { dataset, notices } = prepareDataset(
      { ...base, fileName: 'dups.csv', bytes: utf8(rows) },
      parseCsv,
    );
    const all = [...dataset.splits.train, ...dataset.splits.val, ...dataset.splits.test];
    const pairs = all.map((e) => `${String(e.data.text)}|${String(e.data.label)}`);
    // The same text with another label is another example (the data disagrees with itself).
    expect(pairs.sort()).toEqual(
      ['a bad film|neg', 'a dull film|neg', 'a good film|neg', 'a good film|pos'].sort(),
    );
    expect(new Set(pairs).size).toBe(pairs.length);
    expect(dataset.source.rowsInFile).toBe(6);
    expect(dataset.source.sampledTo).toBeUndefined();
    expect(notices).toHaveLength(1);
    expect(notices[0]).toContain('dups.csv: 2 rows repeat an earlier row');
    expect(notices[0]).toContain('the first: line 4, as line 2');
  });

  it('compares only the fields the program reads and writes', () => {
    const csvWithIds = ['id,text,label', '1,same,pos', '2,same,pos', '3,other,neg'].join('\n');
    const { dataset, notices } = prepareDataset(
      { ...base, fileName: 'ids.csv', bytes: utf8(csvWithIds) },
      parseCsv,
    );
    const { train, val, test } = dataset.splits;
    expect(train.length + val.length + test.length).toBe(2);
    expect(notices[0]).toContain('1 row repeats an earlier row');
  });

  it('names a repeated item of a JSON file in parts with its part, as items count over all parts', () => {
    const parts = {
      train: [
        ['a good film', 'pos'],
        ['a bad film', 'neg'],
      ],
      val: [['a good film', 'pos']],
    };
    const { notices } = prepareDataset(
      {
        ...base,
        inputFields: ['col_1'],
        outputFields: ['col_2'],
        fileName: 'parts.json',
        bytes: utf8(JSON.stringify(parts)),
      },
      parseCsv,
    );
    expect(notices[0]).toContain('(the first: item 3, in "val", as item 1, in "train")');
  });

  it.skipIf(!HAS_SHARED_DATA)(
    `leaves TREC's repeated training lines out, so no question is in two splits (${SKIP_NOTE})`,
    () => {
      const { dataset, notices } = prepareDataset(
        {
          ...base,
          fileName: 'TREC.train',
          bytes: readSharedBytes('trec/TREC.train'),
          encoding: 'latin1',
          maxRows: 5000,
        },
        parseCsv,
      );
      const key = (e: { data: Record<string, unknown> }): string =>
        `${String(e.data.text)}|${String(e.data.label)}`;
      const train = new Set(dataset.splits.train.map(key));
      const leaked = [...dataset.splits.val, ...dataset.splits.test].filter((e) =>
        train.has(key(e)),
      );
      expect(leaked).toEqual([]);
      expect(notices.join(' ')).toMatch(/TREC\.train: \d+ rows repeat an earlier row/);
    },
  );
});

describe('prepareDataset with a UTF-16 file', () => {
  it('imports a tab-separated UTF-16 file, as Excel saves "Unicode Text"', () => {
    const text = ['text\tlabel', 'café,\tpos', 'thé\tneg', 'eau\tpos'].join('\r\n');
    const units = Array.from(text, (c) => c.charCodeAt(0));
    const le = new Uint8Array([0xff, 0xfe, ...units.flatMap((c) => [c & 0xff, c >> 8])]);
    const { dataset } = prepareDataset({ ...base, fileName: 'unicode.txt', bytes: le }, parseCsv);
    const all = [...dataset.splits.train, ...dataset.splits.val, ...dataset.splits.test];
    expect(all.map((e) => e.data.text).sort()).toEqual(['café,', 'eau', 'thé']);
    expect(all.map((e) => e.data.label).sort()).toEqual(['neg', 'pos', 'pos']);
  });
});
