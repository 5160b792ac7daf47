import { describe, expect, it } from 'vitest';
import { DatasetImportError } from '../../../../../src/core/interop/dataset/errors';
import { MAX_VALUE_CHARS } from '../../../../../src/core/interop/dataset/mapping';
import { prepareDataset, readTable } from '../../../../../src/core/interop/dataset/prepare';
import { MAX_COLUMNS } from '../../../../../src/core/interop/dataset/table-checks';
import { parseCsv } from '../../../../../src/storage/dataset-import/parse-csv';

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
const request = (fileName: string, text: string) => ({
  fileName,
  bytes: utf8(text),
  inputFields: ['text'],
  outputFields: ['label'],
  seed: 1,
});

function importError(fileName: string, text: string): DatasetImportError {
  try {
    prepareDataset(request(fileName, text), parseCsv);
  } catch (err) {
    if (err instanceof DatasetImportError) return err;
    throw err;
  }
  throw new Error('the file was accepted');
}

describe('tables from strangers', () => {
  it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty'])(
    'refuses a CSV column named %s by name, and keeps its values as values',
    (name) => {
      const text = `text,label,${name}\nhello,pos,x1\nbye,neg,x2\n`;
      const table = readTable(utf8(text), 'a.csv', parseCsv);
      expect(table.rows[0]?.values[name]).toBe('x1');
      expect(table.issues).toContainEqual(
        expect.objectContaining({ column: name, message: expect.stringMatching(/reserved/) }),
      );
      expect(importError('a.csv', text).message).toMatch(
        new RegExp(`column "${name.replace(/_/g, '_')}": this column name is reserved`),
      );
    },
  );

  it('refuses a JSON Lines key named __proto__', () => {
    const text = '{"text":"a","label":"pos","__proto__":"x"}\n';
    expect(importError('a.jsonl', text).message).toMatch(/column "__proto__".*reserved/);
  });

  it('refuses a file with more columns than any program needs, without listing them', () => {
    const n = MAX_COLUMNS * 50;
    const header = ['text', 'label', ...Array.from({ length: n - 2 }, (_, i) => `c${i}`)];
    const text = `${header.join(',')}\n${header.map(() => 'v').join(',')}\n`;
    const table = readTable(utf8(text), 'wide.csv', parseCsv);
    expect(table.columns).toEqual([]);
    expect(table.rows).toEqual([]);
    expect(importError('wide.csv', text).message).toMatch(
      /has 10,000 columns; the playground reads files with up to 200 columns/,
    );
  });

  it('accepts a file with exactly the column limit', () => {
    const header = ['text', 'label', ...Array.from({ length: MAX_COLUMNS - 2 }, (_, i) => `c${i}`)];
    const text = `${header.join(',')}\n${header.map(() => 'v').join(',')}\n`;
    expect(readTable(utf8(text), 'w.csv', parseCsv).issues).toEqual([]);
  });

  it('reports a repeated column name', () => {
    expect(importError('d.csv', 'text,label,text\na,pos,b\n').message).toMatch(
      /column "text": this column name appears twice/,
    );
  });
});

describe('values from strangers', () => {
  it('refuses a value longer than any prompt, saying where', () => {
    const long = 'x'.repeat(MAX_VALUE_CHARS + 1);
    const text = `text,label\nshort,pos\n${long},neg\n`;
    expect(importError('long.csv', text).message).toMatch(
      /line 3, column "text", field "text": the value is longer than 100,000 characters/,
    );
    const fits = `text,label\n${'x'.repeat(MAX_VALUE_CHARS)},pos\nb,neg\n`;
    expect(prepareDataset(request('fits.csv', fits), parseCsv).dataset.splits).toBeDefined();
  });
});

describe('files of "label text" lines', () => {
  const sst = [
    '0 one long string of cliches .',
    '1 a gorgeous , witty , seductive movie .',
    '0 if you have ever entertained the notion , this may put you off .',
    '1 effective but too-tepid biopic',
    '1 the film sparkles , with a cast that works',
    '0 it is a mess , plain and simple .',
  ].join('\n');

  it('are read as a label and a text per line, a big file judged by its first lines', () => {
    const table = readTable(utf8(sst), 'stsa.binary.dev', parseCsv);
    expect(table.format).toBe('label-text');
    expect(table.issues).toEqual([]);
    expect(table.columns).toEqual(['label', 'text']);
    expect(table.rows[1]).toEqual({
      item: 2,
      line: 2,
      values: { label: '1', text: 'a gorgeous , witty , seductive movie .' },
    });
    const { dataset } = prepareDataset(request('stsa.binary.dev', sst), parseCsv);
    expect(dataset.source.format).toBe('label-text');
    const all = [...dataset.splits.train, ...dataset.splits.val, ...dataset.splits.test];
    expect(all).toHaveLength(6);
    expect(new Set(all.map((e) => e.data.label))).toEqual(new Set(['0', '1']));
    const big = Array.from({ length: 4000 }, () => sst).join('\n');
    expect(readTable(utf8(big), 'big.train', parseCsv).rows).toHaveLength(24_000);
  });

  it('say what is wrong when CSV was asked for, and name a line that has no text', () => {
    const asCsv = readTable(utf8(sst), 'stsa.binary.dev', parseCsv, { format: 'csv' });
    expect(asCsv.issues[0]?.message).toMatch(/a label, a space and a text .*two columns/);
    const gap = readTable(utf8(`${sst}\n1\n0 fine .`), 'sst.txt', parseCsv, {
      format: 'label-text',
    });
    expect(gap.issues).toEqual([{ line: 7, message: expect.stringMatching(/no text/) }]);
    expect(() => prepareDataset(request('sst.txt', `${sst}\n1\n`), parseCsv)).toThrow(
      DatasetImportError,
    );
  });

  it('are still read as such when a line lost its text, and that line is named', () => {
    // Read as CSV, this file was one column named after its first line, and nothing was wrong.
    const lines = sst.split('\n');
    const gap = [...lines.slice(0, 3), '1', ...lines.slice(3)].join('\n');
    const table = readTable(utf8(gap), 'stsa.binary.dev', parseCsv);
    expect(table.format).toBe('label-text');
    expect(table.columns).toEqual(['label', 'text']);
    expect(table.issues).toEqual([
      { line: 4, message: expect.stringMatching(/no text after it; add the text .* or delete/) },
    ]);
    expect(() => prepareDataset(request('stsa.binary.dev', gap), parseCsv)).toThrow(/line 4/);
    // A one-column CSV's header is a lone first word too: that file is still CSV.
    const oneColumn = ['text', ...lines.map((l) => l.slice(2))].join('\n');
    expect(readTable(utf8(oneColumn), 'reviews.csv', parseCsv).format).toBe('csv');
  });

  it("give TREC's coarse class a column of its own and drop fastText's label prefix", () => {
    const trec = [
      'DESC:manner How did serfdom develop in and then leave Russia ?',
      'ENTY:cremat What films featured the character Popeye Doyle ?',
      'DESC:def What is an atom ?',
      'NUM:date When did Hawaii become a state ?',
      'HUM:ind Who was Galileo ?',
      'NUM:dist How far is it from Denver to Aspen ?',
      'HUM:gr What team did Babe Ruth play for ?',
      'LOC:city What city is the Eiffel Tower in ?',
      'ENTY:animal What fowl grabs the spotlight after the Year of the Monkey ?',
      'ABBR:exp What does NASA stand for ?',
      'DESC:reason Why is the sky blue ?',
      'NUM:count How many moons does Mars have ?',
      'LOC:country Which country has the most lakes ?',
      'HUM:ind Who wrote Hamlet ?',
      'ENTY:food What is the main ingredient of guacamole ?',
      'LOC:other Where is the Grand Canyon ?',
      'NUM:money How much does a stamp cost ?',
      'DESC:desc What does a barometer measure ?',
      'HUM:desc Who was Cleopatra ?',
      'ABBR:abb What is the abbreviation of Mister ?',
      'LOC:state What state is Seattle in ?',
      'NUM:period How long is a year on Venus ?',
      'ENTY:color What color is a ruby ?',
      'ENTY:sport What sport does Serena Williams play ?',
    ].join('\n');
    const table = readTable(utf8(trec), 'TREC.train', parseCsv);
    expect(table.columns).toEqual(['label', 'coarse_label', 'text']);
    expect(table.rows[3]?.values).toEqual({
      label: 'NUM:date',
      coarse_label: 'NUM',
      text: 'When did Hawaii become a state ?',
    });
    const fast = sst.replace(
      /^([01]) /gm,
      (_, l: string) => `__label__${l === '1' ? 'pos' : 'neg'} `,
    );
    const labels = readTable(utf8(fast), 'reviews.txt', parseCsv).rows.map((r) => r.values.label);
    expect(labels).toEqual(['neg', 'pos', 'neg', 'pos', 'pos', 'neg']);
  });

  it('do not include a CSV that reads well, nor one-column text whose lines start differently', () => {
    const csv = ['label,text', ...sst.split('\n').map((l) => `${l[0]},"${l.slice(2)}"`)].join('\n');
    expect(readTable(utf8(csv), 'sst.csv', parseCsv).issues).toEqual([]);
    const prose = [
      'The first line of a poem',
      'And then a second one',
      'Quietly the third arrives',
      'Until a fourth is here',
      'Before the fifth ends it',
    ].join('\n');
    const table = readTable(utf8(prose), 'poem.txt', parseCsv);
    expect(table.issues.some((i) => /a label, a space/.test(i.message))).toBe(false);
  });
});
