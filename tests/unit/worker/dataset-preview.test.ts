import { describe, expect, it } from 'vitest';
import { shortened } from '../../../src/worker/dataset-preview';

describe("The Data screen's preview values", () => {
  it('keeps short values and cuts a long text without halving an emoji', () => {
    const long = `${'a'.repeat(499)}😀${'b'.repeat(1000)}`;
    const row = shortened({ ticket: long, label: 'billing', n: 3 });
    expect(row.label).toBe('billing');
    expect(row.n).toBe(3);
    // 499 letters and the emoji make 500 characters: the emoji is kept whole, not halved.
    expect(row.ticket).toBe(`${'a'.repeat(499)}😀… (1,500 characters in all)`);
    const cutBefore = shortened({ ticket: `${'a'.repeat(500)}😀b` }).ticket;
    expect(cutBefore).toBe(`${'a'.repeat(500)}… (502 characters in all)`);
  });
});
