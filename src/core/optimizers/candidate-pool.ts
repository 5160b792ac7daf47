import type { Example } from '../example';
import { canonicalJson } from '../json';
import type { Program } from '../program';
import type { CandidateRecord, DropReason } from './records';
import type { OptimizerSession } from './session';

/** A candidate program to compare, with the record the UI shows. */
export interface Candidate {
  record: CandidateRecord;
  program: Program;
}

/**
 * The program a phase starts from and its full validation score. A run's start program is not
 * scored on the whole validation set here: until selection needs it, `exampleScores` is
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

/** A key identifying what a program does (instructions and demos), to spot repeats. */
export function programKey(program: Program): string {
  return canonicalJson(program.steps.map((s) => [s.signature.instruction, s.demos]));
}

/**
 * Every candidate of one selection, in the order they came, and which of them are new: a
 * repeat of the incumbent or of an earlier candidate is marked and never scored again.
 */
export class CandidatePool {
  readonly all: Candidate[] = [];
  private readonly incumbentKey: string;
  private readonly seen: Set<string>;

  constructor(
    private readonly incumbent: Incumbent,
    private readonly valset: readonly Example[],
  ) {
    this.incumbentKey = programKey(incumbent.program);
    this.seen = new Set([this.incumbentKey]);
  }

  /** Adds a candidate; true when it is new and should be scored. */
  admit(c: Candidate): boolean {
    this.all.push(c);
    const key = programKey(c.program);
    if (key === this.incumbentKey) {
      if (this.incumbent.exampleScores.length === this.valset.length)
        c.record.fullScore = this.incumbent.score;
      c.record.kind = 'incumbent';
    }
    if (this.seen.has(key)) {
      c.record.dropped = c.record.fullScore === null && key !== this.incumbentKey;
      return false;
    }
    this.seen.add(key);
    return true;
  }
}

/** Takes a candidate out of the race, with the reason the UI shows. */
export function dropCandidate(
  session: OptimizerSession,
  c: Candidate,
  phase: number,
  reason: DropReason,
): void {
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
