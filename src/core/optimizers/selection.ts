import type { Example } from '../example';
import { canonicalJson } from '../json';
import type { Program } from '../program';
import type { Rng } from '../rng';
import { DEFAULT_COPA_CONFIG } from './copa-config';
import { clearlyAhead, clearlyBehind } from './racing';
import type { CandidateRecord, DropReason } from './records';
import type { OptimizerSession } from './session';

/** A candidate program to compare, with the record the UI shows. */
export interface Candidate {
  record: CandidateRecord;
  program: Program;
}

/**
 * The program a phase starts from and its full validation score. A run's start program is not
 * scored on the whole validation set up front: until selection needs it, `exampleScores` is
 * shorter than the validation set and `score` is only a lower bound (0).
 */
export interface Incumbent {
  program: Program;
  score: number;
  /** Per-example validation scores (for the standard error); complete or empty. */
  exampleScores: number[];
  /** Validation examples `score` rests on, when fewer than all (a minibatch estimate). */
  examples?: number;
}

export interface SelectionOutcome {
  /** The incumbent, replaced by the winner when the winner scored strictly higher. */
  incumbent: Incumbent;
  /** The phase's starting program as selection scored it (fully, or on minibatches only). */
  before: Incumbent;
  accepted: boolean;
  winnerId: string | null;
  /** Best full score among the candidates (the incumbent's when none was fully scored). */
  bestCandidateScore: number;
  reason: string;
}

export interface SelectionSettings {
  minibatchSize: number;
  /** Candidates left for the full validation set after halving (default: COPA's). */
  finalists?: number;
  /**
   * How clearly a candidate must beat the incumbent, in standard errors of the paired
   * per-example differences (default 0: any strict improvement). Guards against accepting
   * a validation-set fluke that does not carry over to new data.
   */
  acceptMargin?: number;
  phase: number;
}

/**
 * Asks for one more candidate, built on `leader` (the best so far on the first minibatch, ahead
 * of the incumbent there; null when none is): null when there are no more.
 */
export type NextCandidate = (leader: Candidate | null) => Promise<Candidate | null>;

/** A key identifying what a program does (instructions and demos), to spot repeats. */
export function programKey(program: Program): string {
  return canonicalJson(program.steps.map((s) => [s.signature.instruction, s.demos]));
}

/**
 * Picks among candidates fairly and cheaply. Candidates are compared on the same minibatch
 * (paired), a candidate clearly behind the incumbent or the minibatch's leader part-way
 * through it stops there (racing), the weaker half dropped each round (successive halving, a
 * fresh minibatch per round, scores accumulated), finalists below the incumbent on the same
 * examples, or scored exactly as it on every one, dropped, and the rest scored on the full
 * validation set (stopping a finalist once it cannot win).
 * Only full-set scores decide, and the incumbent is replaced only on a strict improvement.
 */
export async function selectCandidate(
  session: OptimizerSession,
  candidates: Candidate[],
  incumbent: Incumbent,
  valset: readonly Example[],
  rng: Rng,
  settings: SelectionSettings,
  more?: NextCandidate,
): Promise<SelectionOutcome> {
  const finalists = Math.max(1, settings.finalists ?? DEFAULT_COPA_CONFIG.finalists);
  const incumbentKey = programKey(incumbent.program);
  const seen = new Set<string>([incumbentKey]);
  let alive: Candidate[] = [];
  /** Whether a candidate is new (a repeat is marked and left out). */
  const admit = (c: Candidate): boolean => {
    const key = programKey(c.program);
    if (key === incumbentKey) {
      if (incumbent.exampleScores.length === valset.length) c.record.fullScore = incumbent.score;
      c.record.kind = 'incumbent';
    }
    if (seen.has(key)) {
      c.record.dropped = c.record.fullScore === null && key !== incumbentKey;
      return false;
    }
    seen.add(key);
    return true;
  };
  // Every candidate of the phase, with those `more` adds.
  const all = [...candidates];
  const admitLater = (c: Candidate): boolean => {
    all.push(c);
    return admit(c);
  };
  for (const c of candidates) if (admit(c)) alive.push(c);

  const sums = new Map<Candidate, number>();
  // Per-candidate differences from the incumbent on the same minibatch examples.
  const diffs = new Map<Candidate, number[]>();
  const halving =
    valset.length > settings.minibatchSize && (alive.length > 0 || more !== undefined);
  // Without minibatches there is no leader to build on: every later candidate comes at once.
  if (!halving && more)
    for (let c = await more(null); c; c = await more(null)) if (admitLater(c)) alive.push(c);
  const indices = valset.map((_, i) => i);
  let incumbentSum = 0;
  let incumbentCount = 0;
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
        else if (admitLater(next)) {
          alive.push(next);
          c = next;
        }
      }
      if (!c) break;
      if (!reference) {
        // The incumbent is scored on the minibatch only once a candidate needs the comparison.
        const scores = await incumbentBatchScores(session, incumbent, valset, picked, batch);
        reference = scores;
        incumbentSum += scores.reduce((a, b) => a + b, 0);
        incumbentCount += batch.length;
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
        drop(
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
    const ranked = alive
      .map((c, i) => ({ c, i }))
      .sort(
        (a, b) => (b.c.record.minibatchScore ?? 0) - (a.c.record.minibatchScore ?? 0) || a.i - b.i,
      );
    const keep = Math.max(finalists, Math.ceil(alive.length / 2));
    for (const { c } of ranked.slice(keep)) drop(session, c, settings.phase, 'minibatch');
    alive = ranked.slice(0, keep).map((x) => x.c);
  }
  // Paired gate: a finalist below the incumbent on the very same examples is not worth a full
  // evaluation. A tie goes on (the minibatch may just not tell them apart), unless the finalist
  // scored exactly as the incumbent on every one of at least SAME_MIN_EXAMPLES examples: with no
  // disagreement at all, a full evaluation would rarely find the strict gain acceptance needs,
  // and then by an example or two, which is chance (demo sets that do not change the model's
  // answers, as on tasks at its ceiling, cost a full evaluation each for nothing).
  // The best by minibatch goes first; it sets the racing bar for the others.
  if (incumbentCount > 0) {
    const bar = incumbentSum / incumbentCount;
    for (const c of alive)
      if ((c.record.minibatchScore ?? 0) < bar) drop(session, c, settings.phase, 'below-incumbent');
      else if (sameAsIncumbent(diffs.get(c) ?? []))
        drop(session, c, settings.phase, 'same-as-incumbent');
    alive = alive
      .map((c, i) => ({ c, i }))
      .filter((x) => !x.c.record.dropped)
      .sort(
        (a, b) => (b.c.record.minibatchScore ?? 0) - (a.c.record.minibatchScore ?? 0) || a.i - b.i,
      )
      .map((x) => x.c);
  }

  // The start program of a run is scored like a candidate: on minibatches first. Its full
  // evaluation is skipped when the leading finalist is clearly ahead of it on the same examples
  // (the mirror of the racing test); otherwise it is scored in full before the finalists.
  let before = incumbent;
  let beaten = false;
  if (incumbent.exampleScores.length !== valset.length) {
    const leader = alive[0];
    const estimate = {
      program: incumbent.program,
      score: incumbentSum / Math.max(1, incumbentCount),
      exampleScores: [],
      examples: incumbentCount,
    };
    // No finalist left: nothing needs the full score yet (a later phase may ask for it).
    if (!leader && incumbentCount > 0) before = estimate;
    else if (leader && incumbentCount > 0 && clearlyAhead(diffs.get(leader) ?? [])) {
      beaten = true;
      before = estimate;
    } else {
      const full = await session.score(incumbent.program, valset);
      before = {
        program: incumbent.program,
        score: full.score,
        exampleScores: full.results.map((r) => r.score),
      };
    }
  }

  if (before.exampleScores.length === valset.length && before !== incumbent)
    for (const c of all)
      if (c.record.kind === 'incumbent' && c.record.fullScore === null)
        c.record.fullScore = before.score;

  let best: { c: Candidate; scores: number[]; score: number } | null = null;
  for (const c of alive) {
    // Racing: stop a finalist's full evaluation once it cannot beat the best so far.
    const bar = beaten ? (best?.score ?? -Infinity) : Math.max(before.score, best?.score ?? 0);
    // The program that sets the bar, example by example: a finalist clearly behind it on the
    // examples scored so far (the minibatch racing test) stops as well.
    const reference =
      best && best.score >= before.score
        ? best.scores
        : before.exampleScores.length === valset.length
          ? before.exampleScores
          : null;
    const r = await session.scoreAbove(c.program, valset, bar, reference);
    if (!r) {
      drop(session, c, settings.phase, 'cannot-win');
      continue;
    }
    c.record.fullScore = r.score;
    if (before.exampleScores.length === valset.length)
      session.onComparison?.({
        candidate: c.program,
        incumbent: before.program,
        candidateScores: r.results.map((x) => x.score),
        incumbentScores: before.exampleScores,
      });
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
    const proven =
      beaten || (r.score > before.score && clearlyBetter(best.scores, before, settings));
    if (best.c === c && proven && r.score > (session.unsettled?.score ?? -Infinity)) {
      session.unsettled = { program: c.program, score: r.score, exampleScores: best.scores };
      // The run holds this program from now on (a stop returns it): the curve shows it here,
      // not only when the phase ends.
      session.recordBest(r.score);
    }
  }

  if (
    best &&
    (beaten || (best.score > before.score && clearlyBetter(best.scores, before, settings)))
  ) {
    const reason = beaten
      ? `${best.c.record.label} scored ${pct(best.score)} on the full validation set; on the ${before.examples ?? 0} minibatch examples both were scored on, it was clearly ahead of the start program (${pct(before.score)}), so the start program was not scored in full.`
      : `${best.c.record.label} scored ${pct(best.score)} on the full validation set, above the current ${pct(before.score)}.`;
    return {
      incumbent: { program: best.c.program, score: best.score, exampleScores: best.scores },
      before,
      accepted: true,
      winnerId: best.c.record.id,
      bestCandidateScore: best.score,
      reason,
    };
  }
  const reason =
    best && best.score > before.score
      ? `${best.c.record.label} scored ${pct(best.score)}, above the current ${pct(before.score)}, but by less than the margin that separates a real gain from chance on ${valset.length} examples; kept the current program.`
      : best
        ? `No candidate beat the current program (best ${pct(best.score)} vs ${pct(before.score)}); kept it.`
        : all.some((c) => c.record.dropped)
          ? `No candidate could beat the current program (${pct(before.score)}); kept it.`
          : 'No new candidate to try; kept the current program.';
  return {
    incumbent: before,
    before,
    accepted: false,
    winnerId: null,
    bestCandidateScore: best?.score ?? before.score,
    reason,
  };
}

function drop(session: OptimizerSession, c: Candidate, phase: number, reason: DropReason): void {
  c.record.dropped = true;
  c.record.dropReason = reason;
  session.emit({
    type: 'candidate-dropped',
    phase,
    candidateId: c.record.id,
    minibatchScore: c.record.minibatchScore ?? 0,
    reason,
  });
}

/**
 * Examples on which a finalist must score exactly as the incumbent to be dropped unscored: with
 * no disagreement in 20, the two disagree on fewer than 15% of examples (95% bound, the rule of
 * three); fewer, as in a minibatch a tight budget shrank to 10, leave a tie to the full set.
 */
const SAME_MIN_EXAMPLES = 20;

/** True when a candidate scored exactly as the incumbent on each of enough examples. */
function sameAsIncumbent(diffs: readonly number[]): boolean {
  return diffs.length >= SAME_MIN_EXAMPLES && diffs.every((d) => d === 0);
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

/**
 * True when the candidate's gain over the incumbent is at least `acceptMargin` standard errors
 * of the paired differences (the same examples scored by both). Without per-example scores of
 * the incumbent only a strict improvement can be asked for.
 */
function clearlyBetter(
  scores: readonly number[],
  incumbent: Incumbent,
  settings: SelectionSettings,
): boolean {
  const margin = settings.acceptMargin ?? 0;
  if (margin <= 0 || incumbent.exampleScores.length !== scores.length) return true;
  const diffs = scores.map((s, i) => s - (incumbent.exampleScores[i] ?? 0));
  const gain = diffs.reduce((a, b) => a + b, 0) / Math.max(1, diffs.length);
  return gain >= margin * standardError(diffs);
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

export { clearlyAhead, clearlyBehind };
