/**
 * The score chart's vertical axis: from a round number a little below the lowest score up to
 * 100%, with ticks on round percentages (every 10 or 20 points). Ticks at a quarter of an odd
 * range read as "10 / 33 / 55 / 78%", and the same run drawn live and reopened got different
 * ones.
 */
export interface ScoreAxis {
  low: number;
  ticks: number[];
}

export function scoreAxis(scores: readonly number[]): ScoreAxis {
  const lowest = Math.min(1, ...scores);
  const roughLow = Math.max(0, Math.floor((lowest - 0.05) * 10) / 10);
  // Tenths of the score, in integers, so the ticks land on round percentages.
  const step = 1 - roughLow <= 0.5 ? 1 : 2;
  const lowTenths = Math.floor(Math.round(roughLow * 10) / step) * step;
  const ticks: number[] = [];
  for (let t = lowTenths; t <= 10; t += step) ticks.push(t / 10);
  return { low: lowTenths / 10, ticks };
}
