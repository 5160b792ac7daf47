import { describe, expect, it } from 'vitest';
import { labelListText } from '../../../src/ui/lib/label-list';

describe('labelListText', () => {
  it('lists a short set whole and cuts a long one with a count', () => {
    expect(labelListText(['a', 'b'])).toBe('a, b');
    const many = Array.from({ length: 77 }, (_, i) => `l${i}`);
    expect(labelListText(many, 3)).toBe('l0, l1, l2 and 74 more');
  });
});
