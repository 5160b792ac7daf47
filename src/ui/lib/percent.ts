/** A score in [0, 1] as a percentage with one decimal ("—" when there is none). */
export const pct = (x: number | null | undefined): string =>
  x === null || x === undefined ? '—' : `${(x * 100).toFixed(1)}%`;

/** A difference of scores in percentage points: 0.01 is "1 point", 0.025 "2.5 points". */
export function pointsWords(x: number): string {
  const points = Math.round(x * 1000) / 10;
  return `${points} ${points === 1 ? 'point' : 'points'}`;
}
