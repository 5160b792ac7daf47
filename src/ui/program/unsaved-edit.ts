import type { ProgramState } from '../../core/program';
import type { ScoringRules } from '../../core/scoring-rules';

/** A program and the rules that score it, as the Program screen edits them. */
export interface ProgramAndRules {
  program: ProgramState;
  rules: ScoringRules;
}

/**
 * Edits made on the Program screen and not saved, kept while another screen is open: the screen
 * is rebuilt each time it opens, and a user who looked up a result or an example in between
 * lost every edit they had typed.
 */
export interface UnsavedEdit extends ProgramAndRules {
  /** What the edits were made on (see editBasis): they come back only onto that. */
  basis: string;
}

/** Where the Program screen's editor starts from: the task, its data and an opened program. */
export interface EditSource {
  taskId: string | null;
  datasetId: string | null;
  openedId: string | null;
}

/**
 * A key of what the editor starts from. Edits made on another task, data or program, or on a
 * program saved or reset since, would not fit it: they are dropped rather than brought back.
 */
export function editBasis(source: EditSource, start: ProgramAndRules): string {
  return JSON.stringify([
    source.taskId,
    source.datasetId,
    source.openedId,
    start.program,
    start.rules,
  ]);
}

/**
 * The edits to keep when the screen closes (plain copies, not the screen's reactive state):
 * none when the editor shows what it started from, as after Save changes.
 */
export function editToKeep(
  source: EditSource,
  start: ProgramAndRules,
  edited: ProgramAndRules,
): UnsavedEdit | null {
  const unchanged =
    JSON.stringify([edited.program, edited.rules]) === JSON.stringify([start.program, start.rules]);
  if (unchanged) return null;
  return { basis: editBasis(source, start), program: edited.program, rules: edited.rules };
}

/** The kept edits when they were made on what the editor starts from now, else null. */
export function editToRestore(
  kept: UnsavedEdit | null,
  source: EditSource,
  start: ProgramAndRules,
): ProgramAndRules | null {
  if (!kept || kept.basis !== editBasis(source, start)) return null;
  return { program: kept.program, rules: kept.rules };
}
