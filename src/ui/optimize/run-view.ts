import type { BudgetFit } from '../../core/optimizers/budget-fit';
import type { ProgramState } from '../../core/program';
import type {
  CandidateRecord,
  DropReason,
  PhaseKind,
  PhaseRecord,
  StopReason,
} from '../../core/optimizers/records';
import type { UsageTotals } from '../../core/usage';
import {
  selectionSetName,
  selectionSetWords,
  type ValidationSample,
} from '../../core/optimizers/selection-set';
import type { RunEvent } from '../../worker/api';
import { pct, pointsWords } from '../lib/percent';
import { DEFAULT_COPA_CONFIG } from '../../core/optimizers/copa-config';

/** One candidate as its phase card shows it, updated as scores arrive. */
export interface CandidateView {
  record: CandidateRecord;
  /** The mean over every minibatch round so far, as the phase's final record will say. */
  minibatchScore: number | null;
  /** The examples those rounds scored: "56.0% on 25". */
  minibatchExamples: number;
  fullScore: number | null;
  dropped: string | null;
}

/** Everything a phase card shows, built from the run's events. */
export interface PhaseView {
  index: number;
  cycle: number;
  kind: PhaseKind;
  done: boolean;
  /** The run stopped (a budget, a cancel) before this phase finished. */
  cut: boolean;
  /**
   * In a phase the stop cut short, the finalist it had already proved better than its start:
   * the program the run returns (run-finished's keptCandidate).
   */
  kept: string | null;
  candidates: CandidateView[];
  bootstrap: { attempts: number; successes: number } | null;
  decision: {
    accepted: boolean;
    candidateId: string | null;
    score: number;
    incumbentScore: number;
    /** Examples incumbentScore rests on, when fewer than the whole validation set. */
    incumbentExamples?: number;
    reason: string;
  } | null;
  insight: string | null;
  record: PhaseRecord | null;
  /** The best program after the phase. */
  program: ProgramState | null;
  /** How the phase was sized to the budget left, when the plan changed its settings. */
  fit: BudgetFit | null;
  /** LM calls (cumulative) when the phase began and ended; null until known. */
  startCalls: number | null;
  endCalls: number | null;
}

/** The whole run as the Optimize screen shows it. */
export interface RunView {
  /** The start program's validation score; null until a phase has scored it. */
  baseline: number | null;
  /**
   * Minibatch examples `baseline` rests on, when the start program was not scored in full (a
   * candidate was clearly ahead of it on a minibatch); null when scored on the whole set.
   */
  baselineExamples: number | null;
  /** The program the run started from, when the run said (phase diffs start from it). */
  startProgram: ProgramState | null;
  best: number | null;
  /**
   * Minibatch examples `best` rests on while it is the start program's estimate (no candidate
   * has beaten it, and no decision needed its full score); null for a full score.
   */
  bestExamples: number | null;
  phases: PhaseView[];
  /**
   * [LM calls, best validation score]: pieced together from the baseline and each phase's end
   * while the run goes on, then the run's exact curve (a point per full evaluation) once it ends.
   */
  curve: [number, number][];
  totals: UsageTotals | null;
  estimateCalls: number | null;
  /** The sample of the validation set a tight budget has the run select on (null: all of it). */
  selection: ValidationSample | null;
  stopReason: StopReason | null;
  stopMessage: string | null;
}

export function emptyRunView(): RunView {
  return {
    baseline: null,
    baselineExamples: null,
    startProgram: null,
    best: null,
    bestExamples: null,
    phases: [],
    curve: [],
    totals: null,
    estimateCalls: null,
    selection: null,
    stopReason: null,
    stopMessage: null,
  };
}

/** Why a candidate was not fully scored, in plain words. */
export const DROP_WORDS: Readonly<Record<DropReason, string>> = {
  minibatch: 'dropped in a minibatch round (weaker half)',
  'behind-incumbent': 'clearly behind the current program part-way through the minibatch',
  'behind-leader': 'clearly behind the best candidate so far part-way through the minibatch',
  // A tie goes on to the full set (selection.ts drops only a lower minibatch mean).
  'below-incumbent': 'below the current program on the same minibatch examples',
  'same-as-incumbent': 'scored exactly as the current program on every minibatch example',
  // The racing bar is the higher of the current program and the best finalist proven so far.
  'cannot-win':
    'stopped part-way through the full set: it could no longer beat the best so far (the current program or a finalist scored before it)',
};

/** Folds a batch of events into the view (mutates it: the view is reactive state). */
export function applyEvents(view: RunView, events: readonly RunEvent[]): void {
  for (const e of events) applyEvent(view, e);
}

function phaseOf(view: RunView, index: number): PhaseView | undefined {
  return view.phases.find((p) => p.index === index);
}

function candidateOf(phase: PhaseView | undefined, id: string): CandidateView | undefined {
  return phase?.candidates.find((c) => c.record.id === id);
}

function applyEvent(view: RunView, e: RunEvent): void {
  switch (e.type) {
    case 'run-started':
      view.estimateCalls = e.estimate.lmCalls;
      view.selection = e.selection ?? null;
      view.stopReason = null;
      view.stopMessage = null;
      return;
    case 'baseline':
      // A stored run's story (replay.ts) names its sample here: it has no run-started event.
      if (e.selection) view.selection = e.selection;
      view.baseline = e.score;
      view.baselineExamples = e.partial ? e.examples : null;
      if (e.program) view.startProgram = e.program;
      view.best = e.score;
      view.bestExamples = e.partial ? e.examples : null;
      return;
    case 'phase-started': {
      const existing = phaseOf(view, e.index);
      // A resumed run redoes an unfinished phase: start its card afresh.
      if (existing) view.phases.splice(view.phases.indexOf(existing), 1);
      const last = view.phases.at(-1);
      view.phases.push({
        index: e.index,
        cycle: e.cycle,
        kind: e.kind,
        done: false,
        cut: false,
        kept: null,
        candidates: [],
        bootstrap: null,
        decision: null,
        insight: null,
        record: null,
        program: null,
        fit: e.fit ?? null,
        startCalls: last?.endCalls ?? null,
        endCalls: null,
      });
      return;
    }
    case 'bootstrap-progress': {
      const p = phaseOf(view, e.phase);
      if (p) p.bootstrap = { attempts: e.attempts, successes: e.successes };
      return;
    }
    case 'candidate-proposed': {
      const p = phaseOf(view, e.phase);
      if (p && !candidateOf(p, e.candidate.id))
        p.candidates.push({
          record: e.candidate,
          minibatchScore: e.candidate.minibatchScore,
          minibatchExamples: e.candidate.minibatchExamples,
          fullScore: e.candidate.fullScore,
          dropped: null,
        });
      return;
    }
    case 'candidate-scored': {
      const c = candidateOf(phaseOf(view, e.phase), e.candidateId);
      if (!c) return;
      if (e.stage === 'full') c.fullScore = e.score;
      else addMinibatchRound(c, e.score, e.examples);
      return;
    }
    case 'candidate-dropped': {
      const c = candidateOf(phaseOf(view, e.phase), e.candidateId);
      if (c) c.dropped = DROP_WORDS[e.reason] ?? e.reason;
      return;
    }
    case 'decision': {
      const p = phaseOf(view, e.phase);
      if (p)
        p.decision = {
          accepted: e.accepted,
          candidateId: e.candidateId,
          score: e.score,
          incumbentScore: e.incumbentScore,
          ...(e.incumbentExamples !== undefined ? { incumbentExamples: e.incumbentExamples } : {}),
          reason: e.reason,
        };
      view.best = Math.max(view.best ?? e.score, e.score);
      // An accepted candidate was scored in full; a kept start program's score is what the
      // baseline event before this decision said of it.
      if (e.accepted) view.bestExamples = null;
      return;
    }
    case 'insight': {
      const p = phaseOf(view, e.phase);
      if (p) p.insight = e.text;
      return;
    }
    case 'phase-finished': {
      const p = phaseOf(view, e.record.index);
      if (!p) return;
      p.done = true;
      p.record = e.record;
      // The phase's own record is final: a live view got each candidate's record as it was
      // proposed (copied across the worker boundary), before its minibatch rounds added up and
      // before the start program's full score was known; a view rebuilt later reads these.
      for (const final of e.record.candidates) {
        const c = candidateOf(p, final.id);
        if (!c) continue;
        c.record = final;
        c.minibatchScore = final.minibatchScore;
        c.minibatchExamples = final.minibatchExamples;
        c.fullScore = final.fullScore;
      }
      p.program = e.program ?? null;
      p.fit = e.record.fit ?? p.fit;
      return;
    }
    case 'budget': {
      view.totals = e.totals;
      const p = view.phases.at(-1);
      if (p && p.done && p.endCalls === null) {
        p.endCalls = e.totals.calls;
        p.startCalls ??= Math.max(0, e.totals.calls - (p.record?.costs.calls ?? 0));
        if (view.curve.length === 0 && view.baseline !== null)
          view.curve.push([p.startCalls, view.baseline]);
        if (view.best !== null) view.curve.push([e.totals.calls, view.best]);
      }
      return;
    }
    case 'run-finished':
      view.totals = e.totals;
      markCutPhases(view, e);
      if (e.baselineExamples === 0) {
        // Stopped before the start program was scored: its 0 is no score. A finalist the phase
        // had already proved better is what the run returns, with its full score.
        view.baseline = null;
        view.baselineExamples = null;
        view.best = e.bestScore > e.baselineScore ? e.bestScore : null;
        view.bestExamples = null;
      } else {
        view.best = e.bestScore;
        view.bestExamples = e.bestExamples ?? null;
        view.baseline = e.baselineScore;
        view.baselineExamples = e.baselineExamples ?? null;
      }
      view.stopReason = e.reason;
      view.stopMessage = e.message ?? null;
      // The exact curve replaces the one pieced together from phase ends, live and reopened.
      if (e.curve && e.curve.length > 0) view.curve = e.curve.map(([c, s]) => [c, s]);
      return;
  }
}

/**
 * The phase a stop cut short (a budget, a cancel, a lost engine): it spans the calls up to the
 * stop on the chart, whose axis ended at the last finished phase (84 of the 150 calls a run
 * spent), and a finalist it had proved better is the one the run keeps. A pause (a lost engine)
 * keeps nothing: the phase is run again on resume.
 */
function markCutPhases(view: RunView, e: Extract<RunEvent, { type: 'run-finished' }>): void {
  view.phases.forEach((p, i) => {
    if (p.done) return;
    p.cut = true;
    // The first phase of a run starts at its first call; a later one where the one before ended.
    p.startCalls ??= i === 0 ? 0 : (view.phases[i - 1]?.endCalls ?? null);
    p.endCalls ??= e.totals.calls;
    if (e.reason !== 'paused' && e.keptCandidate !== undefined) p.kept = e.keptCandidate;
  });
}

/**
 * The start program's validation score as the scores line says it: "18.3%", "52.0% (on 25
 * validation examples)" when a candidate was clearly ahead of it on a minibatch and it was not
 * scored in full, "not scored" before a phase has scored it.
 */
export function baselineWords(view: Pick<RunView, 'baseline' | 'baselineExamples'>): string {
  if (view.baseline === null) return 'not scored';
  return view.baselineExamples === null
    ? pct(view.baseline)
    : `${pct(view.baseline)} (on ${view.baselineExamples} validation examples)`;
}

/**
 * "30.0% on the full validation set", "30.0% on the 100-example validation sample" when a tight
 * budget had the run select on a sample, or "52.0% on 25 validation examples" for a start
 * program a candidate was clearly ahead of on a minibatch (it is not scored in full).
 */
export function scoreOnWords(
  score: number,
  examples?: number,
  selection?: ValidationSample | null,
): string {
  return examples === undefined
    ? `${pct(score)} on ${selectionSetWords(selection)}`
    : `${pct(score)} on ${examples} validation examples`;
}

/**
 * A decision's scores, as "full validation set: 30.0% → 35.0%" (or the sample's name); when the
 * start program was measured on part of the validation set, which part, and that only a winner
 * is scored in full.
 */
export function decisionScoresWords(
  d: {
    accepted: boolean;
    score: number;
    incumbentScore: number;
    incumbentExamples?: number | undefined;
  },
  selection?: ValidationSample | null,
): string {
  if (d.incumbentExamples === undefined)
    return `${selectionSetName(selection)}: ${pct(d.incumbentScore)} → ${pct(d.score)}`;
  const before = scoreOnWords(d.incumbentScore, d.incumbentExamples);
  return d.accepted
    ? `before: ${before}; after: ${scoreOnWords(d.score, undefined, selection)}`
    : `current program: ${before}`;
}

/**
 * A phase card's status: "running…" only while the phase runs; a phase the run's stop cut
 * short (a budget, a cancel) said "running…" for good.
 */
export function phaseStatusWords(phase: Pick<PhaseView, 'done' | 'cut' | 'decision'>): string {
  if (phase.cut) return 'stopped before it finished';
  if (!phase.done) return 'running…';
  return phase.decision?.accepted ? 'improved' : 'kept the current program';
}

/**
 * Why a run stopped, in a few words for a status line or a log line ("Finished (a cycle changed
 * nothing)."): the codes themselves ("no-change") mean nothing to someone learning COPA.
 */
export const STOP_REASON_SHORT: Readonly<Record<StopReason, string>> = {
  'cycles-done': 'every cycle done',
  converged: 'converged',
  'no-change': 'a cycle changed nothing',
  perfect: '100% on validation',
  budget: 'budget reached',
  cancelled: 'cancelled',
  paused: 'paused',
};

/** A message as sentences to go on from: trimmed, ending with one full stop (never two). */
function asSentences(message: string): string {
  const text = message.trim();
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

/**
 * Why a run stopped, in sentences. `minImprovement` is the run's (stop-reason.ts: a cycle must
 * gain the larger of it and one standard error of the validation score to go on).
 */
export function stopReasonText(
  reason: StopReason,
  message: string | null,
  minImprovement: number = DEFAULT_COPA_CONFIG.minImprovement,
): string {
  switch (reason) {
    case 'cycles-done':
      return 'It ran every cycle it was configured for.';
    case 'converged':
      return `Converged: the last cycle raised the validation score by less than that score's noise (one standard error) or ${pointsWords(minImprovement)}, whichever is larger, so more cycles are unlikely to help.`;
    case 'perfect':
      return 'The program answers every validation example right (100%): no candidate could score higher there, so the run stopped. Check it on the test set: a small validation set can be perfect by luck.';
    case 'no-change':
      // Under "Keep only clear gains" a finalist may have scored higher and not been accepted:
      // "no candidate beat the current program" was then untrue (stop-reason.ts looks only at
      // whether a phase of the cycle accepted one).
      return 'Nothing changed in the last cycle: no candidate replaced the current program, so the program is stable.';
    case 'budget':
      // The budget error's own sentences say which budget and how much of it; bracketed into
      // a sentence of ours they read "The budget was spent (The call budget is spent (…).)".
      return `${message ? asSentences(message) : 'The budget was spent.'} The best program so far is kept.`;
    case 'cancelled':
      return 'You cancelled the run. The best program so far is kept.';
    case 'paused':
      return 'Paused after a phase; resume to continue exactly where it stopped.';
  }
}

/**
 * A minibatch round's score folded into the candidate's: each event scores one round (a race
 * scores a candidate again on further examples), and the card shows the mean over all of them,
 * with their count, before the phase's record says the same.
 */
function addMinibatchRound(c: CandidateView, score: number, examples: number): void {
  const before = c.minibatchScore === null ? 0 : c.minibatchExamples;
  const total = before + examples;
  if (total <= 0) return;
  c.minibatchScore = ((c.minibatchScore ?? 0) * before + score * examples) / total;
  c.minibatchExamples = total;
}
