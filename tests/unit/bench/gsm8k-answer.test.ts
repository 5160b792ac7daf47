import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseGsm8kAnswer, parseGsm8kLine } from '../../../scripts/bench/gsm8k-answer';
import { HAS_BENCH_DATA, SKIP_NOTE, benchDataPath } from './bench-data';

describe('parseGsm8kAnswer', () => {
  it('reads the number after the last ####', () => {
    expect(parseGsm8kAnswer('She makes 9 * 2 = $<<9*2=18>>18.\n#### 18')).toBe(18);
    expect(parseGsm8kAnswer('#### 3 is wrong\n#### 4')).toBe(4);
  });

  it('drops thousands separators and keeps a minus sign', () => {
    expect(parseGsm8kAnswer('so 2,125 in all\n#### 2,125')).toBe(2125);
    expect(parseGsm8kAnswer('#### 1,000,000')).toBe(1000000);
    expect(parseGsm8kAnswer('#### -3')).toBe(-3);
  });

  it('throws on a row with no final number', () => {
    expect(() => parseGsm8kAnswer('The answer is 5.')).toThrow(/####/);
    expect(() => parseGsm8kAnswer('#### five')).toThrow(/not a number/);
    expect(() => parseGsm8kAnswer('#### 1,2')).toThrow(/not a number/);
  });

  it('parses a JSONL line and rejects one without the two fields', () => {
    expect(parseGsm8kLine('{"question": "2+2?", "answer": "2+2=4\\n#### 4"}')).toEqual({
      question: '2+2?',
      answer: 4,
    });
    expect(() => parseGsm8kLine('{"question": "2+2?"}')).toThrow(SyntaxError);
  });
});

describe.skipIf(!HAS_BENCH_DATA)(`GSM8K's real test split${SKIP_NOTE}`, () => {
  it('every one of its 1,319 rows has a whole-number final answer', () => {
    const lines = readFileSync(benchDataPath('gsm8k', 'test.jsonl'), 'utf8')
      .split('\n')
      .filter((l) => l.trim().length > 0);
    const rows = lines.map(parseGsm8kLine);
    expect(rows).toHaveLength(1319);
    expect(rows.slice(0, 3).map((r) => r.answer)).toEqual([18, 3, 70000]);
    expect(rows.every((r) => Number.isInteger(r.answer))).toBe(true);
    // SOURCE.md: 14 final answers have thousands separators and 2 are negative.
    expect(lines.filter((l) => /#### -?\d{1,3}(,\d{3})+"/.test(l))).toHaveLength(14);
    expect(rows.filter((r) => r.answer < 0)).toHaveLength(2);
  });
});
