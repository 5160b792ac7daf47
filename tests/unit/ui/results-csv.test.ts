import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { resultsCsv } from '../../../src/ui/lib/results-csv';
import type { ComparedRow } from '../../../src/ui/lib/compared-rows';

function row(id: string, ticket: string, base: string | null, opt: string): ComparedRow {
  const gold = { department: 'billing' };
  const inputs = { ticket };
  return {
    exampleId: id,
    inputs: [{ name: 'ticket', text: ticket }],
    gold: [{ name: 'department', text: 'billing' }],
    baseline:
      base === null
        ? {
            exampleId: id,
            score: 0,
            prediction: null,
            error: 'no [[ ## department ## ]] field',
            parseFailure: true,
            inputs,
            gold,
          }
        : {
            exampleId: id,
            score: base === 'billing' ? 1 : 0,
            prediction: { department: base },
            error: null,
            inputs,
            gold,
          },
    optimized: {
      exampleId: id,
      score: opt === 'billing' ? 1 : 0,
      prediction: { department: opt },
      error: null,
      inputs,
      gold,
    },
  };
}

describe('resultsCsv', () => {
  it('writes one row per example with inputs, gold, and each program’s answer, score and problem', async () => {
    const csv = await resultsCsv([
      row('t1', 'I was charged twice, "again"', 'returns', 'billing'),
      row('t2', 'Line one\nline two', null, 'billing'),
    ]);
    const parsed = Papa.parse<Record<string, string>>(csv, { header: true });
    expect(parsed.errors).toEqual([]);
    expect(parsed.meta.fields).toEqual([
      'example',
      'input_ticket',
      'expected_department',
      'baseline_department',
      'baseline_score',
      'baseline_problem',
      'optimized_department',
      'optimized_score',
      'optimized_problem',
    ]);
    expect(parsed.data[0]).toMatchObject({
      example: 't1',
      input_ticket: 'I was charged twice, "again"',
      baseline_department: 'returns',
      baseline_score: '0',
      optimized_score: '1',
    });
    expect(parsed.data[1]).toMatchObject({
      input_ticket: 'Line one\nline two',
      baseline_department: '',
      baseline_problem: 'parse failure: no [[ ## department ## ]] field',
    });
  });

  it('escapes cells a spreadsheet would run as formulas', async () => {
    const csv = await resultsCsv([row('t1', '=HYPERLINK("http://x")', '+1', '@SUM(A1)')]);
    const parsed = Papa.parse<Record<string, string>>(csv, { header: true });
    expect(parsed.data[0]!.input_ticket).toBe('\'=HYPERLINK("http://x")');
    expect(parsed.data[0]!.baseline_department).toBe("'+1");
    expect(parsed.data[0]!.optimized_department).toBe("'@SUM(A1)");
  });

  it('escapes a formula in a cell even when a line break follows it', async () => {
    const formula = '=HYPERLINK("http://evil.example","x")\nsecond line';
    const csv = await resultsCsv([row('t1', formula, '@SUM(A1)', '-2+3')]);
    const parsed = Papa.parse<Record<string, string>>(csv, { header: true });
    const first = parsed.data[0]!;
    expect(first.input_ticket).toBe(`'${formula}`);
    expect(first.baseline_department).toBe("'@SUM(A1)");
    expect(first.optimized_department).toBe("'-2+3");
  });
});
