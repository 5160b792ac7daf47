import type { Rng } from '../../rng';

/**
 * GEPA's parent selection (gepa_utils: remove_dominated_programs, then
 * select_program_candidate_from_pareto_front). For every validation example, the candidates
 * with the best score on it form that example's front. A candidate is dropped when every front
 * it is in also holds another candidate still kept (lowest mean score tried first, one at a
 * time); of the rest, one is drawn with probability proportional to the number of fronts it is
 * in. A candidate that is best somewhere keeps a chance of being refined even when its mean is
 * not the highest. `scores[c][i]` is candidate c's score on example i; returns an index.
 */
export function paretoPick(scores: readonly (readonly number[])[], rng: Rng): number {
  if (scores.length <= 1) return 0;
  const fronts = exampleFronts(scores);
  const kept = new Set(fronts.flat());
  const mean = (c: number): number => {
    const s = scores[c] ?? [];
    return s.length === 0 ? 0 : s.reduce((a, b) => a + b, 0) / s.length;
  };
  const byMean = [...kept].sort((a, b) => mean(a) - mean(b) || a - b);
  for (let removed = true; removed;) {
    removed = false;
    for (const c of byMean) {
      if (!kept.has(c)) continue;
      const covered = fronts.every(
        (front) => !front.includes(c) || front.some((o) => o !== c && kept.has(o)),
      );
      if (!covered) continue;
      kept.delete(c);
      removed = true;
      break;
    }
  }
  const draws = fronts.flatMap((front) => front.filter((c) => kept.has(c)));
  return draws.length === 0 ? 0 : rng.pick(draws);
}

/** For every example, the candidates with the best score on it. */
function exampleFronts(scores: readonly (readonly number[])[]): number[][] {
  const examples = Math.max(...scores.map((s) => s.length));
  const fronts: number[][] = [];
  for (let i = 0; i < examples; i++) {
    const best = Math.max(...scores.map((s) => s[i] ?? 0));
    fronts.push(scores.flatMap((s, c) => ((s[i] ?? 0) === best ? [c] : [])));
  }
  return fronts;
}
