import type { Example } from '../example';
import { canonicalJson } from '../json';
import type { Program } from '../program';
import type { Rng } from '../rng';
import type { CandidateRecord } from './records';
import type { OptimizerSession } from './session';

/** A candidate program to compare, with the record the UI shows. */
export interface Candidate {
  record: CandidateRecord;
  program: Program;
}

/** The program a phase starts from and its full validation score. */
export interface Incumbent {
  program: Program;
  score: number;
  /** Per-example validation scores (for the standard error). */
  exampleScores: number[];
}

export interface SelectionOutcome {
  /** The incumbent, replaced by the winner when the winner scored strictly higher. */
  incumbent: Incumbent;
  accepted: boolean;
  winnerId: string | null;
  /** Best full score among the candidates (the incumbent's when none was fully scored). */
  bestCandidateScore: number;
  reason: string;
}

export interface SelectionSettings {
  minibatchSize: number;
  /** Candidates scored on the full validation set after halving (default 2). */
  finalists?: number;
  phase: number;
}

/** A key identifying what a program does (instructions and demos), to spot repeats. */
export function programKey(program: Program): string {
  return canonicalJson(program.steps.map((s) => [s.signature.instruction, s.demos]));
}

/**
 * Picks among candidates fairly and cheaply. Candidates are compared on the same minibatch
 * (paired), the weaker half dropped each round (successive halving, a fresh minibatch per
 * round, scores accumulated), and the finalists scored on the full validation set. Only
 * full-set scores decide, and the incumbent is replaced only on a strict improvement.
 */
export async function selectCandidate(
  session: OptimizerSession,
  candidates: Candidate[],
  incumbent: Incumbent,
  valset: readonly Example[],
  rng: Rng,
  settings: SelectionSettings,
): Promise<SelectionOutcome> {
  const finalists = Math.max(1, settings.finalists ?? 2);
  const incumbentKey = programKey(incumbent.program);
  const seen = new Set<string>([incumbentKey]);
  let alive: Candidate[] = [];
  for (const c of candidates) {
    const key = programKey(c.program);
    if (key === incumbentKey) {
      c.record.fullScore = incumbent.score;
      c.record.kind = 'incumbent';
    }
    if (seen.has(key)) {
      c.record.dropped = c.record.fullScore === null;
      continue;
    }
    seen.add(key);
    alive.push(c);
  }

  const sums = new Map<Candidate, number>();
  for (let round = 0; alive.length > finalists && valset.length > settings.minibatchSize; round++) {
    const batch = rng.fork(`minibatch-${round}`).sample(valset, settings.minibatchSize);
    for (const c of alive) {
      const r = await session.score(c.program, batch);
      const sum = (sums.get(c) ?? 0) + r.score * batch.length;
      sums.set(c, sum);
      c.record.minibatchExamples += batch.length;
      c.record.minibatchScore = sum / c.record.minibatchExamples;
      session.emit({
        type: 'candidate-scored',
        phase: settings.phase,
        candidateId: c.record.id,
        stage: 'minibatch',
        score: r.score,
        examples: batch.length,
      });
    }
    // Stable order: ties keep the earlier candidate (the proposal order is itself seeded).
    const ranked = alive
      .map((c, i) => ({ c, i }))
      .sort(
        (a, b) => (b.c.record.minibatchScore ?? 0) - (a.c.record.minibatchScore ?? 0) || a.i - b.i,
      );
    const keep = Math.max(finalists, Math.ceil(alive.length / 2));
    for (const { c } of ranked.slice(keep)) {
      c.record.dropped = true;
      session.emit({
        type: 'candidate-dropped',
        phase: settings.phase,
        candidateId: c.record.id,
        minibatchScore: c.record.minibatchScore ?? 0,
      });
    }
    alive = ranked.slice(0, keep).map((x) => x.c);
  }

  let best: { c: Candidate; scores: number[]; score: number } | null = null;
  for (const c of alive) {
    const r = await session.score(c.program, valset);
    c.record.fullScore = r.score;
    session.emit({
      type: 'candidate-scored',
      phase: settings.phase,
      candidateId: c.record.id,
      stage: 'full',
      score: r.score,
      examples: valset.length,
    });
    if (!best || r.score > best.score)
      best = { c, score: r.score, scores: r.results.map((x) => x.score) };
  }

  if (best && best.score > incumbent.score) {
    const reason = `${best.c.record.label} scored ${pct(best.score)} on the full validation set, above the current ${pct(incumbent.score)}.`;
    return {
      incumbent: { program: best.c.program, score: best.score, exampleScores: best.scores },
      accepted: true,
      winnerId: best.c.record.id,
      bestCandidateScore: best.score,
      reason,
    };
  }
  const reason = best
    ? `No candidate beat the current program (best ${pct(best.score)} vs ${pct(incumbent.score)}); kept it.`
    : 'No new candidate to try; kept the current program.';
  return {
    incumbent,
    accepted: false,
    winnerId: null,
    bestCandidateScore: best?.score ?? incumbent.score,
    reason,
  };
}

/** A score as a percentage with one decimal, e.g. "61.5%". */
export function pct(score: number): string {
  return `${(score * 100).toFixed(1)}%`;
}

/** The standard error of a mean of per-example scores. */
export function standardError(scores: readonly number[]): number {
  const n = scores.length;
  if (n < 2) return 0;
  const mean = scores.reduce((a, b) => a + b, 0) / n;
  const variance = scores.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1);
  return Math.sqrt(variance / n);
}
