import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../../../src/storage/dataset-import/parse-csv';

describe('CSV', () => {
  it('reads quotes (commas, doubled quotes, newlines inside), CRLF and a BOM', () => {
    const text =
      '\ufeffquestion,answer\r\n"Hi, there","He said ""no"""\r\n"two\r\nlines",x\r\n\r\nlast,y\r\n';
    const t = parseCsv(text);
    expect(t.issues).toEqual([]);
    expect(t.columns).toEqual(['question', 'answer']);
    expect(t.rows.map((r) => [r.line, r.values.question, r.values.answer])).toEqual([
      [2, 'Hi, there', 'He said "no"'],
      [3, 'two\r\nlines', 'x'],
      [6, 'last', 'y'],
    ]);
  });

  it('reports a row with the wrong number of values by its line', () => {
    const t = parseCsv('a,b\n1,2\n"multi\nline",2\n3,4,5\n');
    expect(t.issues).toEqual([
      { line: 5, message: 'this row has 3 values but the header has 2 columns' },
    ]);
    expect(t.rows).toHaveLength(2);
  });

  it('reports an unterminated quote with its line', () => {
    const t = parseCsv('a,b\n1,2\n3,"oops\n4,5\n');
    expect(t.issues.some((i) => i.line === 3 && /never closed/.test(i.message))).toBe(true);
  });

  it('reports empty and repeated header names', () => {
    const t = parseCsv('a,,a\n1,2,3\n');
    expect(t.issues).toEqual([
      { line: 1, message: 'column 2 of the header has no name; name it' },
      { line: 1, column: 'a', message: 'this column name appears twice; rename one of them' },
    ]);
  });

  it('reads a single column and an empty file', () => {
    expect(parseCsv('text\nhello\n').rows.map((r) => r.values.text)).toEqual(['hello']);
    expect(parseCsv('').issues[0]?.message).toMatch(/empty/);
  });
});

describe('CSV without a header row', () => {
  it('detects a headerless file, names its columns and keeps its first row', () => {
    const t = parseCsv(
      '3,"Stocks fall again",Markets slid on Monday.\n1,"Vote today",Polls open.\n',
    );
    expect(t.header?.present).toBe(false);
    expect(t.columns).toEqual(['col_1', 'col_2', 'col_3']);
    expect(t.rows.map((r) => r.values.col_1)).toEqual(['3', '1']);
    expect(t.rows[0]?.line).toBe(1);
    expect(t.delimiter).toBe(',');
  });

  it('follows an explicit choice, and says which columns the file leaves unnamed', () => {
    const forced = parseCsv('a,b\nc,d\n', { header: false });
    expect(forced.columns).toEqual(['col_1', 'col_2']);
    // Named by core's readTable (nameColumns), as for every format.
    expect(forced.positionalColumns).toEqual(['col_1', 'col_2']);
    expect(forced.rows).toHaveLength(2);
    const named = parseCsv('1,2\n3,4\n', { header: true });
    expect(named.columns).toEqual(['1', '2']);
    expect(named.positionalColumns).toBeUndefined();
  });

  it('detects a semicolon delimiter', () => {
    const t = parseCsv('text;label\nhello;greeting\nbye;farewell\n');
    expect(t.delimiter).toBe(';');
    expect(t.columns).toEqual(['text', 'label']);
  });
});
