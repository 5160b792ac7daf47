/** A score in [0, 1] as a percentage with one decimal ("—" when there is none). */
export const pct = (x: number | null | undefined): string =>
  x === null || x === undefined ? '—' : `${(x * 100).toFixed(1)}%`;
