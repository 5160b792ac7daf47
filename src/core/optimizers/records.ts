import type { BudgetFit } from './budget-fit';
import type { Demo } from '../example';
import type { ProgramState } from '../program';
import type { UsageTotals } from '../usage';

export type PhaseKind = 'compilation' | 'prompt';

/**
 * Why a run ended. 'paused' means it can be resumed from its checkpoint; 'perfect' that the
 * program answers every validation example right, so no candidate could be accepted.
 */
export type StopReason =
  'cycles-done' | 'converged' | 'no-change' | 'perfect' | 'budget' | 'cancelled' | 'paused';

/** A point of the learning curve: real model calls so far, best validation score so far. */
export type CurvePoint = [lmCalls: number, bestValScore: number];

/**
 * Why a candidate was not fully scored: clearly behind the incumbent (or the minibatch's leader)
 * part-way through a minibatch, the weaker half of a minibatch round, below the incumbent on the
 * same minibatch examples, scored exactly as the incumbent on every one of them, or unable
 * to beat the incumbent or the best finalist part-way through the full set.
 */
export const DROP_REASONS = [
  'behind-incumbent',
  'behind-leader',
  'minibatch',
  'below-incumbent',
  'same-as-incumbent',
  'cannot-win',
] as const;
export type DropReason = (typeof DROP_REASONS)[number];

/**
 * An instruction a prompt phase scored, for the proposer's history. `examples` is set when the
 * score is a minibatch estimate (the proposal was dropped before the full validation set): it
 * was still tried, and proposing it again would only pay to learn the same.
 */
export interface ScoredInstruction {
  instruction: string;
  score: number;
  /** Validation examples the score rests on, when fewer than all (a minibatch estimate). */
  examples?: number;
}

/** One candidate of a phase as the UI shows it (plain JSON). */
export interface CandidateRecord {
  id: string;
  label: string;
  kind: 'incumbent' | 'demos' | 'instruction' | 'joint';
  /** Instruction per predictor, when the candidate changes instructions. */
  instructions?: Record<string, string>;
  /** Demos per predictor (counts), when the candidate changes demos. */
  demoCounts?: Record<string, number>;
  /** The demos themselves, so a phase card can show what a rejected demo set was. */
  demos?: Record<string, Demo[]>;
  /** Mean over every minibatch example it was scored on (null when never minibatch-scored). */
  minibatchScore: number | null;
  minibatchExamples: number;
  fullScore: number | null;
  /** Dropped before a complete full evaluation (see dropReason). */
  dropped: boolean;
  dropReason?: DropReason;
}

/** What one phase tried, decided and cost. */
export interface PhaseRecord {
  index: number;
  cycle: number;
  kind: PhaseKind;
  candidates: CandidateRecord[];
  /** The starting program's validation score, as the phase's selection measured it. */
  scoreBefore: number;
  /**
   * Examples scoreBefore rests on, when fewer than the whole validation set (a start program a
   * candidate was clearly ahead of on a minibatch is not scored in full).
   */
  scoreBeforeExamples?: number;
  scoreAfter: number;
  accepted: boolean;
  /** The winning candidate id, when one replaced the incumbent. */
  winner: string | null;
  decision: string;
  insight: string;
  /** What the phase spent (real and cached calls, tokens, model time). */
  costs: UsageTotals;
  constraintViolations: number;
  bootstrap?: { attempts: number; successes: number };
  /** Calls the planner expected this phase to cost with its settings (cold cache). */
  plannedCalls?: number;
  /** How the phase was sized to the budget left, when the plan changed its settings. */
  fit?: BudgetFit;
  /** Failures found on the probed training examples (prompt phases). */
  probedFailures?: { failed: number; probed: number };
  /** Proposals the model's answer could not be read from. */
  failedProposals?: number;
  /** Calls whose prompt was cut (demos left out) to fit the model's context window. */
  contextTrims?: { calls: number; demosDropped: number };
  /**
   * Training examples, demos, failures and earlier instructions left out of the proposer's
   * requests so they fit the model's context window (prompt phases; proposer-fit.ts).
   */
  proposerEvidenceLeftOut?: number;
}

/** What every optimizer returns. */
export interface OptimizerResult {
  method: string;
  program: ProgramState;
  baselineScore: number;
  bestScore: number;
  totals: UsageTotals;
  curve: CurvePoint[];
  stopReason: StopReason;
  constraintViolations: number;
}
