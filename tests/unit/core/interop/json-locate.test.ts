import { describe, expect, it } from 'vitest';
import { jsonErrorOffset } from '../../../../src/core/interop/json-locate';
import { jsonErrorLocation, parseJsonText } from '../../../../src/core/interop/json-text';

describe('jsonErrorOffset', () => {
  it.each([
    '{"a": [1, 2.5e3, -0, true, false, null, "x\\u00e9\\n"], "b": {}}',
    '  []  ',
    '"just a string"',
  ])('accepts valid JSON %s', (text) => {
    expect(() => JSON.parse(text) as unknown).not.toThrow();
    expect(jsonErrorOffset(text)).toBeUndefined();
  });

  it.each([
    ['{"a": }', 6],
    ['[1, 2,]', 6],
    ['{"a" 1}', 5],
    ['[01]', 2],
    ['{"a": tru}', 6],
    ['"unterminated', 13],
    ['{"a": 1} x', 9],
    ["{'a': 1}", 1],
    ['"bad \\x escape"', 5],
  ])('finds the error in %s at offset %i', (text, offset) => {
    expect(() => JSON.parse(text) as unknown).toThrow();
    expect(jsonErrorOffset(text)).toBe(offset);
  });

  it('gives line and column', () => {
    expect(jsonErrorLocation('{\n  "a": 1,\n  "b": }')).toEqual({ line: 3, column: 8 });
  });
});

describe('parseJsonText', () => {
  it('calls an empty (or blank) file empty, not invalid JSON at line 1, column 1', () => {
    for (const text of ['', '\uFEFF', ' \n\t\n'])
      expect(() => parseJsonText(text, 'The program file')).toThrow('The program file is empty.');
    expect(() => parseJsonText('{"a": 1,}', 'The program file')).toThrow(
      /not valid JSON at line 1, column 9\.$/,
    );
  });

  it('says a file cut off anywhere (inside a string, an escape, a word) was cut off, not where a typo is', () => {
    const whole = JSON.stringify({ a: { b: ['x\\y \u00e9', true, null, 12.5] } }, null, 2);
    for (let end = 1; end < whole.length - 1; end++) {
      const cut = whole.slice(0, end);
      expect(() => parseJsonText(cut, 'The program file'), cut).toThrow(
        /^The program file ends before its JSON is complete \(it stops at line \d+, column \d+\): it was cut off.*nothing was saved/,
      );
    }
  });
});
