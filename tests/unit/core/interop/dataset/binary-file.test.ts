import { describe, expect, it } from 'vitest';
import { binaryKind } from '../../../../../src/core/interop/dataset/binary-file';
import { readTable } from '../../../../../src/core/interop/dataset/prepare';
import { parseCsv } from '../../../../../src/storage/dataset-import/parse-csv';

describe('binary files', () => {
  it('names a spreadsheet, a PDF or any file with NUL bytes as binary, and lets text through', () => {
    expect(binaryKind(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2]))).toMatch(/ZIP .*xlsx/);
    expect(binaryKind(new TextEncoder().encode('%PDF-1.7'))).toMatch(/PDF/);
    expect(binaryKind(new Uint8Array([65, 66, 0, 67]))).toBe('a binary file');
    expect(binaryKind(new TextEncoder().encode('text,label\ncafé,x\n'))).toBeNull();
    expect(binaryKind(new Uint8Array([0xff, 0xfe, 65, 0]))).toBeNull();
  });

  it('is refused by name before decoding, without advising Latin-1', () => {
    const xlsx = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 6, 0, 0xe9]);
    expect(() => readTable(xlsx, 'intents.xlsx', parseCsv)).toThrowError(
      expect.objectContaining({
        name: 'BinaryFileError',
        message: expect.not.stringMatching(/Latin-1/),
      }),
    );
  });
});
