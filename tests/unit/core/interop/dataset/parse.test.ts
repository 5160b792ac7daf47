import { describe, expect, it } from 'vitest';
import { decodeText, firstInvalidUtf8Byte } from '../../../../../src/core/interop/dataset/decode';
import { NotUtf16Error, NotUtf8Error } from '../../../../../src/core/interop/dataset/errors';
import {
  parseJsonArray,
  parseJsonl,
} from '../../../../../src/core/interop/dataset/parse-json-rows';
import { detectFormat } from '../../../../../src/core/interop/dataset/table';
import { HAS_SHARED_DATA, SKIP_NOTE, readSharedBytes } from '../shared-data';

const bytes = (...b: number[]): Uint8Array => new Uint8Array(b);
const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('UTF-8 detection', () => {
  it('decodes UTF-8 and drops the byte-order mark', () => {
    expect(decodeText(bytes(0xef, 0xbb, 0xbf, ...utf8('héllo')), 'a.csv')).toBe('héllo');
  });

  it.each([
    ['Latin-1 é', [0x61, 0x0a, 0x62, 0xe9, 0x0a], 3],
    ['overlong encoding', [0x41, 0xc0, 0xaf], 1],
    ['truncated sequence', [0x41, 0xe2, 0x82], 1],
    ['UTF-16 surrogate', [0xed, 0xa0, 0x80], 0],
    ['beyond U+10FFFF', [0xf4, 0x90, 0x80, 0x80], 0],
  ])('finds the first bad byte: %s', (_name, b, offset) => {
    expect(firstInvalidUtf8Byte(bytes(...b))).toBe(offset);
    expect(() => decodeText(bytes(...b), 'x.csv')).toThrow(NotUtf8Error);
  });

  it('reads a file with a UTF-16 byte-order mark (Excel\'s "Unicode Text") as UTF-16', () => {
    const text = 'ticket\tdepartment\r\ncafé au lait\tbilling\r\n';
    const units = Array.from(text, (c) => c.charCodeAt(0));
    const le = bytes(0xff, 0xfe, ...units.flatMap((c) => [c & 0xff, c >> 8]));
    const be = bytes(0xfe, 0xff, ...units.flatMap((c) => [c >> 8, c & 0xff]));
    expect(decodeText(le, 'tickets.txt')).toBe(text);
    expect(decodeText(be, 'tickets.txt')).toBe(text);
    // Cut in the middle of a character: refused, with what to do, and not sent to Latin-1.
    expect(() => decodeText(le.subarray(0, 7), 'cut.txt')).toThrow(NotUtf16Error);
    expect(() => decodeText(le.subarray(0, 7), 'cut.txt')).toThrow(/save it as UTF-8/i);
    expect(() => decodeText(le.subarray(0, 7), 'cut.txt')).not.toThrow(/Latin-1/);
  });

  it('accepts 2-, 3- and 4-byte characters', () => {
    expect(firstInvalidUtf8Byte(utf8('é € 😀'))).toBe(-1);
  });

  it('names the byte offset and line; Latin-1 decoding is the way out', () => {
    const err = (() => {
      try {
        decodeText(bytes(0x61, 0x0a, 0x62, 0xe9), 'notes.csv');
      } catch (e) {
        return e as NotUtf8Error;
      }
    })();
    expect(err?.message).toMatch(/^notes\.csv is not UTF-8 text: the byte at offset 3 \(line 2\)/);
    // It says what to do, with the name of the control that does it.
    expect(err?.message).toMatch(/choose Latin-1 under Text encoding; otherwise save it as UTF-8/);
    expect(decodeText(bytes(0x62, 0xe9), 'notes.csv', 'latin1')).toBe('bé');
  });

  it.skipIf(!HAS_SHARED_DATA)(
    `finds the Latin-1 byte of the real TREC.train on line 66${SKIP_NOTE}`,
    () => {
      const trec = readSharedBytes('trec/TREC.train');
      try {
        decodeText(trec, 'TREC.train');
        expect.unreachable('TREC.train is not UTF-8');
      } catch (e) {
        expect(e).toBeInstanceOf(NotUtf8Error);
        expect((e as NotUtf8Error).line).toBe(66);
      }
      expect(decodeText(trec, 'TREC.train', 'latin1').split('\n')[65]).toMatch(
        /^LOC:city Which city/,
      );
    },
  );
});

describe('JSONL and JSON', () => {
  it('JSONL: objects per line, blank lines skipped, a bad line reported by number', () => {
    const t = parseJsonl('{"q": "a", "n": 1}\n\n{"q": "b"\n7\n{"q": "c", "extra": {"x": [1]}}\r\n');
    expect(t.rows.map((r) => [r.line, r.values.q])).toEqual([
      [1, 'a'],
      [5, 'c'],
    ]);
    expect(t.columns).toEqual(['q', 'n', 'extra']);
    expect(t.issues.map((i) => i.line)).toEqual([3, 4]);
    expect(t.issues[0]?.message).toMatch(/not valid JSON \(at column 10\)/);
    expect(t.issues[1]?.message).toMatch(/must be a JSON object .* or a list of values/);
    expect(t.positionalColumns).toBeUndefined();
  });

  it('JSONL: lines that are lists of values are rows of positional columns col_1, col_2, …', () => {
    const t = parseJsonl('["book a flight", "book_flight"]\n["hi", "greeting", 3]\n[]\n');
    expect(t.columns).toEqual(['col_1', 'col_2', 'col_3']);
    expect(t.positionalColumns).toEqual(['col_1', 'col_2', 'col_3']);
    expect(t.rows.map((r) => r.values.col_2)).toEqual(['book_flight', 'greeting']);
    expect(t.issues).toEqual([{ line: 3, message: expect.stringMatching(/list of values/) }]);
  });

  it('JSON: an array of objects; a syntax error has a line, a non-object item its number', () => {
    expect(parseJsonArray('[{"a": 1}, {"a": 2}]').rows.map((r) => r.values.a)).toEqual([1, 2]);
    expect(parseJsonArray('[\n{"a": 1},\n{"a": }\n]').issues[0]).toMatchObject({ line: 3 });
    expect(parseJsonArray('[{"a": 1}, 7]').issues).toEqual([
      { item: 2, message: expect.stringMatching(/^this item is neither .* must be a row such as/) },
    ]);
    expect(parseJsonArray('{"a": 1}').issues[0]?.message).toMatch(/JSON array of objects/);
    // Columns, not rows: one problem that says so and what to save, not one per value.
    const columns = parseJsonArray('{"text": ["a b", "c d", "e f"], "label": ["x", "y", "x"]}');
    expect(columns.issues).toEqual([
      {
        message: expect.stringMatching(
          /^the file holds lists of values \("text", "label"\), not rows: save it as rows, .* or as JSON Lines$/,
        ),
      },
    ]);
    expect(parseJsonArray('{"train": []}').issues).toEqual([{ message: 'The file has no rows.' }]);
  });

  it('JSON: an object of arrays gives every part its rows, named in a column `split`', () => {
    const t = parseJsonArray(
      '{"train": [["book a flight", "book_flight"], ["hi", "greeting"]], "test": [["bye", "goodbye"]], "version": 2}',
    );
    expect(t.issues).toEqual([]);
    expect(t.columns).toEqual(['col_1', 'col_2', 'split']);
    // The lists' columns have no names in the file (the user can give them some); `split` has.
    expect(t.positionalColumns).toEqual(['col_1', 'col_2']);
    expect(t.rows.map((r) => [r.item, r.values.col_2, r.values.split])).toEqual([
      [1, 'book_flight', 'train'],
      [2, 'greeting', 'train'],
      [3, 'goodbye', 'test'],
    ]);
    // One part needs no split column; an empty list is not a row.
    const one = parseJsonArray('{"data": [{"q": "a"}, []]}');
    expect(one.columns).toEqual(['q']);
    expect(one.positionalColumns).toBeUndefined();
    expect(one.issues).toEqual([{ item: 2, message: expect.stringMatching(/neither/) }]);
  });

  it('detects the format from the name, then the content', () => {
    expect(detectFormat('x.CSV', '[')).toBe('csv');
    expect(detectFormat('x.jsonl', '')).toBe('jsonl');
    expect(detectFormat('data', '  [{}]')).toBe('json');
    expect(detectFormat('data', '{"a":1}\n{"a":2}')).toBe('jsonl');
  });
});
