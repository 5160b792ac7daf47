import { describe, expect, it } from 'vitest';
import {
  firstRowDataReason,
  firstRowIsHeader,
  headerlessColumnNames,
} from '../../../../src/storage/dataset-import/header-detect';

describe('firstRowIsHeader', () => {
  it('reads short distinct names as a header', () => {
    expect(
      firstRowIsHeader([
        ['text', 'label'],
        ['I want to cancel', 'cancel'],
        ['where is my card', 'card_arrival'],
      ]),
    ).toBe(true);
  });

  it('reads a class index as data', () => {
    const rows = [
      ['3', 'Wall St. Bears Claw Back', 'Short-sellers are seeing green again.'],
      ['4', 'Carlyle Looks Toward Commercial Aerospace', 'Private investment firm.'],
    ];
    expect(firstRowIsHeader(rows)).toBe(false);
    expect(firstRowDataReason(rows)).toMatch(/“3” is a number/);
  });

  it('reads a sentence as data', () => {
    expect(
      firstRowDataReason([
        ['Unions representing workers at Turner Newall say they are disappointed', 'business'],
        ['Another headline', 'world'],
      ]),
    ).toMatch(/sentence/);
  });

  it('reads a value repeated further down the same column as data', () => {
    expect(
      firstRowDataReason([
        ['hello there', 'greeting'],
        ['bye now', 'farewell'],
        ['hi', 'greeting'],
      ]),
    ).toMatch(/“greeting” appears again/);
    // The same word in another column is no sign.
    expect(
      firstRowIsHeader([
        ['text', 'label'],
        ['label', 'other'],
      ]),
    ).toBe(true);
  });

  it('names headerless columns col_1 …', () => {
    expect(headerlessColumnNames(3)).toEqual(['col_1', 'col_2', 'col_3']);
  });
});
