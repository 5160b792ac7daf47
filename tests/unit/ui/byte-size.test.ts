import { describe, expect, it } from 'vitest';
import { byteSize, megabytes } from '../../../src/ui/lib/byte-size';

describe('byteSize', () => {
  it('reads in kB, MB or GB, and never shows a thousand of a smaller unit', () => {
    expect(byteSize(0)).toBe('0 kB');
    expect(byteSize(1_200)).toBe('2 kB');
    expect(byteSize(999_999)).toBe('1.0 MB');
    expect(byteSize(123_000_000)).toBe('123.0 MB');
    expect(byteSize(999_990_000)).toBe('1.0 GB');
    // A browser's storage quota: 10 GiB.
    expect(byteSize(10_737_418_240)).toBe('10.7 GB');
  });
});

describe('megabytes', () => {
  it('groups the digits of a size in MB, rounded to whole megabytes', () => {
    expect(megabytes(338)).toBe('338 MB');
    expect(megabytes(1403.41)).toBe('1,403 MB');
    expect(megabytes(5483)).toBe('5,483 MB');
  });
});
