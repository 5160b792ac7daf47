import { describe, expect, it } from 'vitest';
import { savedDateWords, shortDate } from '../../../src/ui/library/saved-date-words';

describe('savedDateWords: the date on a Library program row, once', () => {
  const savedAt = '2026-12-02T10:35:12.345Z';

  it('leaves the date out of the meta line when the name already ends with it', () => {
    // A finished run names its program "<run> · <date>" (stored-runs.ts): the row read
    // "Ticket routing · 2026-12-02 10:35" and, below it, "from a run · 2026-12-02 10:35".
    expect(savedDateWords({ name: `Ticket routing · ${shortDate(savedAt)}`, savedAt })).toBe('');
  });

  it('gives the date of a program whose name does not carry it', () => {
    expect(savedDateWords({ name: 'My tickets', savedAt })).toBe('2026-12-02 10:35');
    // Renamed, or another date in the name: the date it was saved is still said.
    expect(savedDateWords({ name: 'Ticket routing · 2026-11-30 09:00', savedAt })).toBe(
      '2026-12-02 10:35',
    );
  });
});
