import { describe, expect, it } from 'vitest';
import { importProgramFile } from '../../../../src/core/interop/program-file';

const rows = [
  { question: 'What is 2 + 2?', answer: '4' },
  { question: 'What is 3 + 3?', answer: '6' },
];

/** The message of the error importProgramFile throws for `text`. */
function refusal(text: string): string {
  try {
    importProgramFile(text);
  } catch (err) {
    expect(err).toMatchObject({ name: 'ProgramImportError' });
    return (err as Error).message;
  }
  throw new Error('imported');
}

describe('a dataset picked where a program is imported', () => {
  it.each([
    ['a JSON list of rows', JSON.stringify(rows), 'a list of 2 records (a dataset)'],
    [
      'JSON Lines',
      rows.map((r) => JSON.stringify(r)).join('\n'),
      'JSON Lines with 2 records (a dataset)',
    ],
    [
      'splits keyed by name',
      JSON.stringify({ train: rows, dev: [] }),
      'an object whose "train" is a list of 2 records (a dataset)',
    ],
    [
      'a Hugging Face rows download',
      JSON.stringify({ features: [], rows: [{ row_idx: 0, row: rows[0] }] }),
      'an object whose "rows" is a list of 1 record (a dataset)',
    ],
  ])('is named as a dataset (%s), with where to import it', (_kind, text, shape) => {
    expect(refusal(text)).toBe(
      `This file is ${shape}, not a saved program: import it on the Data screen. Import a program here: the JSON file DSPy's program.save("program.json") writes, or a program exported from this Library (nothing was saved).`,
    );
  });

  it('an object with no predictor says which keys it has and what a predictor looks like', () => {
    expect(refusal(JSON.stringify({ model: 'gpt', temperature: 0 }))).toMatch(
      /^The file has no predictors, so there is nothing to import: in a DSPy program file each predictor is an object with a "demos" list, and none of this file's keys \("model", "temperature"\) is one\. Import a program here/,
    );
    expect(refusal('42')).toMatch(
      /^A DSPy program file is a JSON object .*; this file is a number\./,
    );
  });
});
