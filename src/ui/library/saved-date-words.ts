/** A stored date as the Library shows it: "2026-12-02 10:35" (UTC, as stored). */
export function shortDate(iso: string): string {
  return iso.slice(0, 16).replace('T', ' ');
}

/**
 * When a program was saved, for its row's meta line ("2026-12-02 10:35"); empty when its name
 * already ends with that date, as a run's program is named ("Ticket routing · 2026-12-02 10:35"):
 * the row said it twice. The name stays as it is (a user may have given it), and it carries the
 * date where it tells programs of one task apart (its buttons are named after it).
 */
export function savedDateWords(program: { name: string; savedAt: string }): string {
  const date = shortDate(program.savedAt);
  return program.name.trimEnd().endsWith(date) ? '' : date;
}
