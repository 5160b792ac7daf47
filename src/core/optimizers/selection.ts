import type { Example } from '../example';
import type { Rng } from '../rng';
import { CandidatePool, dropCandidate, type Candidate, type Incumbent } from './candidate-pool';
import { DEFAULT_COPA_CONFIG } from './copa-config';
import {
  byMinibatchScore,
  screenOnMinibatches,
  type NextCandidate,
  type Screening,
} from './minibatch-screening';
import { clearlyAhead } from './racing';
import type { OptimizerSession } from './session';

export interface SelectionOutcome {
  /** The incumbent, replaced by the winner when the winner scored strictly higher. */
  incumbent: Incumbent;
  /** The phase's starting program as selection scored it (fully, or on minibatches only). */
  before: Incumbent;
  accepted: boolean;
  winnerId: string | null;
  /** Best full score among the candidates (the incumbent's when none was fully scored). */
  bestCandidateScore: number;
  /** Whether any candidate was scored on the full validation set (not dropped on minibatches). */
  anyFullyScored: boolean;
  /**
   * Whether a finalist went on to the full validation set and was stopped part-way (it could no
   * longer win): then not every candidate fell on the minibatches, and the reader is told so.
   */
  anyStoppedOnFullSet: boolean;
  /** What the full scores rest on, in words (the session's selectionSetWords). */
  setWords: string;
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
 * Picks among candidates fairly and cheaply. Candidates are screened on minibatches, paired
 * with the incumbent (minibatch-screening.ts); finalists below the incumbent on the same
 * examples, or scored exactly as it on every one, are dropped; the rest are scored on the full
 * validation set (stopping a finalist once it cannot win). Only full-set scores decide, and the
 * incumbent is replaced only on a strict improvement.
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
  const pool = new CandidatePool(incumbent, valset);
  const screening = await screenOnMinibatches(
    session,
    pool,
    candidates,
    incumbent,
    valset,
    rng,
    { minibatchSize: settings.minibatchSize, finalists, phase: settings.phase },
    more,
  );
  const alive = pairedGate(session, screening, settings.phase);
  const { before, beaten } = await scoreStartProgram(session, incumbent, valset, screening, alive);
  if (before.exampleScores.length === valset.length && before !== incumbent)
    for (const c of pool.all)
      if (c.record.kind === 'incumbent' && c.record.fullScore === null)
        c.record.fullScore = before.score;
  const scored = await scoreFinalists(session, alive, before, beaten, valset, settings);
  return outcomeOf(scored, before, beaten, pool.all, valset.length, session.selectionSetWords);
}

/**
 * Paired gate: a finalist below the incumbent on the very same examples is not worth a full
 * evaluation. A tie goes on (the minibatch may just not tell them apart), unless the finalist
 * scored exactly as the incumbent on every one of at least SAME_MIN_EXAMPLES examples: with no
 * disagreement at all, a full evaluation would rarely find the strict gain acceptance needs,
 * and then by an example or two, which is chance (demo sets that do not change the model's
 * answers, as on tasks at its ceiling, cost a full evaluation each for nothing).
 * Returns the finalists left, the best by minibatch first: it sets the racing bar for the others.
 */
function pairedGate(session: OptimizerSession, screening: Screening, phase: number): Candidate[] {
  const { alive, diffs, incumbentMisses, incumbentSum, incumbentCount } = screening;
  if (incumbentCount === 0) return alive;
  const bar = incumbentSum / incumbentCount;
  for (const c of alive)
    if ((c.record.minibatchScore ?? 0) < bar) dropCandidate(session, c, phase, 'below-incumbent');
    else if (sameAsIncumbent(diffs.get(c) ?? [], incumbentMisses.get(c) ?? 0))
      dropCandidate(session, c, phase, 'same-as-incumbent');
  return byMinibatchScore(alive.filter((c) => !c.record.dropped));
}

/**
 * The start program of a run is scored like a candidate: on minibatches first. Its full
 * evaluation is skipped when the leading finalist is clearly ahead of it on the same examples
 * (the mirror of the racing test; `beaten`); otherwise it is scored in full before the
 * finalists. An incumbent with a full score is returned as it is.
 */
async function scoreStartProgram(
  session: OptimizerSession,
  incumbent: Incumbent,
  valset: readonly Example[],
  screening: Screening,
  finalists: readonly Candidate[],
): Promise<{ before: Incumbent; beaten: boolean }> {
  if (incumbent.exampleScores.length === valset.length) return { before: incumbent, beaten: false };
  const { diffs, incumbentSum, incumbentCount } = screening;
  const leader = finalists[0];
  const estimate = {
    program: incumbent.program,
    score: incumbentSum / Math.max(1, incumbentCount),
    exampleScores: [],
    examples: incumbentCount,
  };
  // No finalist left: nothing needs the full score yet (a later phase may ask for it).
  if (!leader && incumbentCount > 0) return { before: estimate, beaten: false };
  if (leader && incumbentCount > 0 && clearlyAhead(diffs.get(leader) ?? []))
    return { before: estimate, beaten: true };
  const full = await session.score(incumbent.program, valset);
  // The run's best so far from this call on: the learning curve shows it here, when it became
  // known, not once the phase has ended (the curve read as if the run knew nothing until then).
  session.recordBest(full.score);
  return {
    before: {
      program: incumbent.program,
      score: full.score,
      exampleScores: full.results.map((r) => r.score),
    },
    beaten: false,
  };
}

interface Best {
  c: Candidate;
  scores: number[];
  score: number;
}

/** What the finalists' full evaluations found. */
interface Finalists {
  /** The highest full score of any finalist. */
  best: Best | null;
  /**
   * The highest-scoring finalist proven better than the start (clearly enough, under an
   * acceptance margin): the one the phase accepts. Without a margin it is `best` whenever
   * `best` beat the start.
   */
  proven: Best | null;
}

/**
 * Scores the finalists on the full validation set, best by minibatch first, each stopped once
 * it cannot beat the best proven so far (only a proven finalist can be accepted, so an unproven
 * one, even if higher, sets no bar). A finalist proven better than the start is held by the run
 * at once (`session.unsettled`): a stop from now on returns it, as the finished phase would.
 */
async function scoreFinalists(
  session: OptimizerSession,
  finalists: readonly Candidate[],
  before: Incumbent,
  beaten: boolean,
  valset: readonly Example[],
  settings: SelectionSettings,
): Promise<Finalists> {
  let best: Best | null = null;
  let proven: Best | null = null;
  for (const c of finalists) {
    // Racing: stop a finalist's full evaluation once it cannot beat the best proven so far.
    const bar = beaten ? (proven?.score ?? -Infinity) : Math.max(before.score, proven?.score ?? 0);
    // The program that sets the bar, example by example: a finalist clearly behind it on the
    // examples scored so far (the minibatch racing test) stops as well.
    const lead = proven ?? best;
    const reference =
      lead && lead.score >= before.score
        ? lead.scores
        : before.exampleScores.length === valset.length
          ? before.exampleScores
          : null;
    const r = await session.scoreAbove(c.program, valset, bar, reference);
    if (!r) {
      dropCandidate(session, c, settings.phase, 'cannot-win');
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
    const scored = { c, score: r.score, scores: r.results.map((x) => x.score) };
    if (!best || r.score > best.score) best = scored;
    const clear =
      beaten || (r.score > before.score && clearlyBetter(scored.scores, before, settings));
    if (clear && (!proven || r.score > proven.score)) {
      proven = scored;
      session.unsettled = {
        program: c.program,
        score: r.score,
        exampleScores: scored.scores,
        candidateId: c.record.id,
      };
      // The run holds this program from now on (a stop returns it): the curve shows it here,
      // not only when the phase ends.
      session.recordBest(r.score);
    }
  }
  return { best, proven };
}

/**
 * The decision: the best finalist proven better than the start (clearly enough, under a
 * margin), else the start.
 */
function outcomeOf(
  { best, proven }: Finalists,
  before: Incumbent,
  beaten: boolean,
  all: readonly Candidate[],
  valSize: number,
  setWords: string,
): SelectionOutcome {
  if (proven) {
    const higher =
      best && best !== proven
        ? ` ${best.c.record.label} scored higher (${pct(best.score)}) but by less than the margin that separates a real gain from chance.`
        : '';
    const reason = beaten
      ? `${proven.c.record.label} scored ${pct(proven.score)} on ${setWords}; on the ${before.examples ?? 0} minibatch examples both were scored on, it was clearly ahead of the start program (${pct(before.score)}), so the start program was not scored in full.`
      : `${proven.c.record.label} scored ${pct(proven.score)} on ${setWords}, above the current ${beforeScoreWords(before)}.${higher}`;
    return {
      incumbent: { program: proven.c.program, score: proven.score, exampleScores: proven.scores },
      before,
      accepted: true,
      winnerId: proven.c.record.id,
      bestCandidateScore: best?.score ?? proven.score,
      anyFullyScored: true,
      anyStoppedOnFullSet: stoppedOnFullSet(all),
      setWords,
      reason,
    };
  }
  const reason =
    best && best.score > before.score
      ? `${best.c.record.label} scored ${pct(best.score)}, above the current ${beforeScoreWords(before)}, but by less than the margin that separates a real gain from chance on ${valSize} examples; kept the current program.`
      : best
        ? `No candidate beat the current program (best ${pct(best.score)} vs ${beforeScoreWords(before)}); kept it.`
        : all.some((c) => c.record.dropped)
          ? `No candidate could beat the current program (${beforeScoreWords(before)}); kept it.`
          : 'No new candidate to try; kept the current program.';
  return {
    incumbent: before,
    before,
    accepted: false,
    winnerId: null,
    bestCandidateScore: best?.score ?? before.score,
    anyFullyScored: best !== undefined && best !== null,
    anyStoppedOnFullSet: stoppedOnFullSet(all),
    setWords,
    reason,
  };
}

function stoppedOnFullSet(all: readonly Candidate[]): boolean {
  return all.some((c) => c.record.dropReason === 'cannot-win');
}

/**
 * Examples on which a finalist must score exactly as the incumbent to be dropped unscored: with
 * no disagreement in 20, the two disagree on fewer than 15% of examples (95% bound, the rule of
 * three); fewer, as in a minibatch a tight budget shrank to 10, leave a tie to the full set.
 */
const SAME_MIN_EXAMPLES = 20;

/**
 * Of those, examples the incumbent must have missed: a candidate can gain only where the
 * incumbent misses, so agreeing with a 95% program on 20 examples (one miss among them, if any)
 * said nothing of whether it fixes what that program gets wrong. On date normalization a 95%
 * program had every demo set dropped this way after two minibatches of 10 (a 10-minute run).
 * On the bench (2026-12-02) it moved default COPA by +0.002 on one pair and the real-model
 * preset by +0.022 on one, for about 2 more calls a run.
 */
const SAME_MIN_MISSES = 3;

/**
 * True when a candidate scored exactly as the incumbent on each of enough examples, among
 * them enough the incumbent missed.
 */
function sameAsIncumbent(diffs: readonly number[], incumbentMisses: number): boolean {
  return (
    diffs.length >= SAME_MIN_EXAMPLES &&
    incumbentMisses >= SAME_MIN_MISSES &&
    diffs.every((d) => d === 0)
  );
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

/**
 * The phase's starting score, with the examples it rests on when the start program was scored
 * on a minibatch only ("52.0% on 25 examples"): set beside a full score, a bare minibatch
 * estimate read as a measured gain of the difference.
 */
export function beforeScoreWords(before: { score: number; examples?: number }): string {
  return `${pct(before.score)}${before.examples ? ` on ${before.examples} examples` : ''}`;
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
