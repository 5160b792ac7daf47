import type { Example } from '../example';
import type { Rng } from '../rng';
import {
  dropCandidate,
  type Candidate,
  type CandidatePool,
  type Incumbent,
} from './candidate-pool';
import { clearlyBehind } from './racing';
import type { OptimizerSession } from './session';

/**
 * Asks for one more candidate, built on `leader` (the best so far on the first minibatch, ahead
 * of the incumbent there; null when none is): null when there are no more.
 */
export type NextCandidate = (leader: Candidate | null) => Promise<Candidate | null>;

/** What screening on minibatches leaves for the full validation set. */
export interface Screening {
  /** The candidates still in the race. */
  alive: Candidate[];
  /** Per-candidate differences from the incumbent on the same minibatch examples. */
  diffs: Map<Candidate, number[]>;
  /**
   * Per candidate, how many of the examples in `diffs` the incumbent did not get fully right:
   * the only ones on which a candidate can gain.
   */
  incumbentMisses: Map<Candidate, number>;
  /** The incumbent's summed score over the distinct minibatch examples it was scored on. */
  incumbentSum: number;
  /**
   * Distinct validation examples the incumbent was scored on (0: no minibatch ran). Each round
   * draws its own minibatch, so rounds overlap: counted per round, three rounds of 25 on a set
   * of 60 made "75 examples", which read as a full score.
   */
  incumbentCount: number;
}

export interface ScreeningSettings {
  minibatchSize: number;
  /** Candidates left for the full validation set after halving. */
  finalists: number;
  phase: number;
}

/**
 * Screens candidates on minibatches, paired with the incumbent: a candidate clearly behind the
 * incumbent or the minibatch's leader part-way through it stops there (racing), and the weaker
 * half is dropped each round (successive halving, a fresh minibatch per round, scores
 * accumulated) until `finalists` are left. `more` adds candidates during the first round, each
 * built on the leader so far. Without minibatches (a validation set no larger than one) every
 * candidate goes on unscreened.
 */
export async function screenOnMinibatches(
  session: OptimizerSession,
  pool: CandidatePool,
  candidates: readonly Candidate[],
  incumbent: Incumbent,
  valset: readonly Example[],
  rng: Rng,
  settings: ScreeningSettings,
  more?: NextCandidate,
): Promise<Screening> {
  const { finalists } = settings;
  let alive = candidates.filter((c) => pool.admit(c));
  const sums = new Map<Candidate, number>();
  const diffs = new Map<Candidate, number[]>();
  const misses = new Map<Candidate, number>();
  const halving =
    valset.length > settings.minibatchSize && (alive.length > 0 || more !== undefined);
  // Without minibatches there is no leader to build on: every later candidate comes at once.
  if (!halving && more)
    for (let c = await more(null); c; c = await more(null)) if (pool.admit(c)) alive.push(c);
  const indices = valset.map((_, i) => i);
  /** The incumbent's score on each validation example it was scored on, by index. */
  const incumbentScores = new Map<number, number>();
  // Round 0 always runs when the validation set is larger than a minibatch: the finalists'
  // minibatch answers are cached and reused by their full evaluation, so it costs them nothing.
  for (let round = 0; halving && (round === 0 || alive.length > finalists); round++) {
    const picked = rng.fork(`minibatch-${round}`).sample(indices, settings.minibatchSize);
    const batch = picked.map((i) => valset[i] as Example);
    let reference: number[] | null = null;
    let bar = 0;
    // Round 0 takes the later candidates one at a time, each built on the leader so far: the
    // candidate ahead of the incumbent on this minibatch (scored on all of it), else none.
    const queue = [...alive];
    let leader: Candidate | null = null;
    /** The leader's answers on this minibatch, example by example. */
    let leaderScores: number[] | null = null;
    let asking = round === 0 && more !== undefined;
    for (;;) {
      let c = queue.shift();
      while (!c && asking && more) {
        const next = await more(leader);
        if (!next) asking = false;
        else if (pool.admit(next)) {
          alive.push(next);
          c = next;
        }
      }
      if (!c) break;
      if (!reference) {
        // The incumbent is scored on the minibatch only once a candidate needs the comparison.
        const scores = await incumbentBatchScores(session, incumbent, valset, picked, batch);
        reference = scores;
        picked.forEach((index, i) => incumbentScores.set(index, scores[i] ?? 0));
        bar = scores.reduce((a, b) => a + b, 0) / Math.max(1, scores.length);
      }
      const ref = reference;
      const lead = leaderScores;
      // Racing on the minibatch: a candidate already clearly behind the incumbent on the same
      // examples stops there; the rest of its minibatch would only confirm it. So does one
      // clearly behind this minibatch's leader: the leader is scored in full first and sets the
      // bar there, so such a candidate would most likely be stopped by it anyway, after more calls.
      const behindIncumbent = (scores: readonly number[]): boolean =>
        clearlyBehind(scores.map((s, i) => s - (ref[i] ?? 0)));
      const behindLeader = (scores: readonly number[]): boolean =>
        lead !== null && clearlyBehind(scores.map((s, i) => s - (lead[i] ?? 0)));
      const run = await session.scoreUntil(
        c.program,
        batch,
        (scores) => behindIncumbent(scores) || behindLeader(scores),
      );
      const scored = run.result.results.length;
      const own = diffs.get(c) ?? [];
      run.result.results.forEach((r, i) => own.push(r.score - (ref[i] ?? 0)));
      diffs.set(c, own);
      const missed = ref.slice(0, scored).filter((score) => score < 1).length;
      misses.set(c, (misses.get(c) ?? 0) + missed);
      const sum = (sums.get(c) ?? 0) + run.result.score * scored;
      sums.set(c, sum);
      c.record.minibatchExamples += scored;
      c.record.minibatchScore = sum / Math.max(1, c.record.minibatchExamples);
      session.emit({
        type: 'candidate-scored',
        phase: settings.phase,
        candidateId: c.record.id,
        stage: 'minibatch',
        score: run.result.score,
        examples: scored,
      });
      if (run.stopped) {
        const scores = run.result.results.map((r) => r.score);
        dropCandidate(
          session,
          c,
          settings.phase,
          behindIncumbent(scores) ? 'behind-incumbent' : 'behind-leader',
        );
      } else if (
        run.result.score > bar &&
        run.result.score > (leader?.record.minibatchScore ?? -Infinity)
      ) {
        leader = c;
        leaderScores = run.result.results.map((r) => r.score);
      }
    }
    alive = alive.filter((c) => !c.record.dropped);
    if (alive.length <= finalists) break;
    // Stable order: ties keep the earlier candidate (the proposal order is itself seeded).
    const ranked = byMinibatchScore(alive);
    const keep = Math.max(finalists, Math.ceil(alive.length / 2));
    for (const c of ranked.slice(keep)) dropCandidate(session, c, settings.phase, 'minibatch');
    alive = ranked.slice(0, keep);
  }
  let incumbentSum = 0;
  for (const score of incumbentScores.values()) incumbentSum += score;
  return {
    alive,
    diffs,
    incumbentMisses: misses,
    incumbentSum,
    incumbentCount: incumbentScores.size,
  };
}

/** Candidates by minibatch score, best first; ties keep their order. */
export function byMinibatchScore(candidates: readonly Candidate[]): Candidate[] {
  return candidates
    .map((c, i) => ({ c, i }))
    .sort(
      (a, b) => (b.c.record.minibatchScore ?? 0) - (a.c.record.minibatchScore ?? 0) || a.i - b.i,
    )
    .map((x) => x.c);
}

/** The incumbent's per-example scores on a minibatch: from its known scores when we have them. */
async function incumbentBatchScores(
  session: OptimizerSession,
  incumbent: Incumbent,
  valset: readonly Example[],
  picked: readonly number[],
  batch: readonly Example[],
): Promise<number[]> {
  if (incumbent.exampleScores.length === valset.length)
    return picked.map((i) => incumbent.exampleScores[i] ?? 0);
  const r = await session.score(incumbent.program, batch);
  return r.results.map((x) => x.score);
}
