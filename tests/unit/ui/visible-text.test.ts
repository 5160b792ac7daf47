import { describe, expect, it } from 'vitest';
import { visibleText } from '../../../src/ui/lib/visible-text';

describe('visibleText', () => {
  it('shows bidi overrides and isolates as marks and leaves other text alone', () => {
    expect(visibleText('abc\u202edef\u202c')).toBe('abc⟦U+202E⟧def⟦U+202C⟧');
    expect(visibleText('\u2067שלום\u2069')).toBe('⟦U+2067⟧שלום⟦U+2069⟧');
    expect(visibleText('plain, עברית, العربية')).toBe('plain, עברית, العربية');
  });
});
