import type { ProgramState } from '../../core/program';
import { programInputs } from '../../core/program-fields';
import type { RunOnceResult } from '../../worker/api';
import type { ShownError } from '../engine-state.svelte';

/** The program Try it runs: the one COPA optimized, or the task's (as edited). */
export type TriedProgram = 'optimized' | 'current';

/** What Try it is set to run: the task, its data and the program chosen there. */
export interface TryTarget {
  taskId: string | null;
  datasetId: string | null;
  which: TriedProgram;
  program: ProgramState;
  /** Whether a run had made an optimized program to choose. */
  hasOptimized: boolean;
}

/**
 * What was typed on Try it (and the answer shown), kept while another screen is open: the
 * screen is rebuilt each time it opens, and a user who looked at Results or the Program in
 * between had to type their input again.
 */
export interface KeptTry {
  /** The task and data typed for: another task or dataset never gets these inputs. */
  task: string;
  which: TriedProgram;
  /** Whether there was an optimized program then: one made or gone since resets the choice. */
  hadOptimized: boolean;
  /** The input field names typed into: inputs come back only into the same fields. */
  fields: string;
  /** The program chosen when the screen closed: the answer comes back only with that one. */
  program: string;
  values: Record<string, string>;
  result: RunOnceResult | null;
  /** The error shown instead of an answer (a server that failed, a model that was lost). */
  error: ShownError | null;
}

/** What a Try it request ended with: its answer, or the error said instead. */
export type TryOutcome = Pick<KeptTry, 'result' | 'error'>;

const taskKey = (t: { taskId: string | null; datasetId: string | null }): string =>
  JSON.stringify([t.taskId, t.datasetId]);
const fieldsKey = (program: ProgramState): string =>
  JSON.stringify(programInputs(program.steps).map((f) => f.name));

/**
 * What to keep when the screen closes (plain copies, not the screen's reactive state): the
 * values of the program's input fields, none when nothing was typed and no answer or error is
 * shown.
 */
export function tryToKeep(
  target: TryTarget,
  values: Record<string, string>,
  result: RunOnceResult | null,
  error: ShownError | null = null,
): KeptTry | null {
  const typed = Object.fromEntries(
    programInputs(target.program.steps)
      .map((f) => [f.name, values[f.name] ?? ''])
      .filter(([, v]) => v !== ''),
  );
  if (Object.keys(typed).length === 0 && result === null && error === null) return null;
  return {
    task: taskKey(target),
    which: target.which,
    hadOptimized: target.hasOptimized,
    fields: fieldsKey(target.program),
    program: JSON.stringify(target.program),
    values: typed,
    result,
    error,
  };
}

/**
 * The program to choose again when the screen opens: the one chosen before on the same task and
 * data, unless an optimized program was made or gone since (the screen then chooses, as it does
 * while open). Null: the screen's own choice.
 */
export function whichToRestore(
  kept: KeptTry | null,
  now: { taskId: string | null; datasetId: string | null; hasOptimized: boolean },
): TriedProgram | null {
  if (!kept || kept.task !== taskKey(now)) return null;
  if (kept.hadOptimized !== now.hasOptimized) return null;
  return kept.which;
}

/**
 * The inputs to show again when they were typed for this task, data and input fields (else
 * null), and the answer (or error) too when the program is still the one that was chosen.
 */
export function tryToRestore(
  kept: KeptTry | null,
  target: TryTarget,
): ({ values: Record<string, string> } & TryOutcome) | null {
  if (!kept || kept.task !== taskKey(target) || kept.fields !== fieldsKey(target.program)) {
    return null;
  }
  const sameProgram =
    kept.which === target.which && kept.program === JSON.stringify(target.program);
  return {
    values: { ...kept.values },
    result: sameProgram ? kept.result : null,
    error: sameProgram ? kept.error : null,
  };
}

/** Whether two records are for the same task, data, program and input. */
function sameAsked(a: KeptTry, b: KeptTry): boolean {
  return (
    a.task === b.task &&
    a.which === b.which &&
    a.program === b.program &&
    a.fields === b.fields &&
    JSON.stringify(a.values) === JSON.stringify(b.values)
  );
}

/**
 * An answer or error that arrived after the screen closed (the user went on while the model
 * worked): kept with the inputs when they are still the ones it was asked for (same task, data,
 * program and input), so coming back shows it; else what was kept stays as it is.
 */
export function keepArrived(
  kept: KeptTry | null,
  asked: KeptTry | null,
  arrived: TryOutcome,
): KeptTry | null {
  if (!kept || !asked) return kept;
  return sameAsked(kept, asked) ? { ...kept, ...arrived } : kept;
}

/**
 * A Try it request still waiting for its answer, kept on the task while it waits: a screen
 * opened again before the answer comes (the user looked at Results and came straight back) has
 * nothing kept to show yet, and showed the input as if nothing had been asked.
 */
export interface PendingTry {
  /** What it was asked for: task, data, program and input. */
  asked: KeptTry;
  /** The answer (or the error) when it comes. */
  answer: Promise<RunOnceResult>;
}

/**
 * The pending request a screen opening with these inputs waits for: the one asked for the same
 * task, data, program and input (else null: the screen shows no busy state for another's).
 */
export function pendingToFollow(
  pending: PendingTry | null,
  target: TryTarget,
  values: Record<string, string>,
): PendingTry | null {
  return pending && isAskedFor(pending.asked, target, values) ? pending : null;
}

/**
 * Whether a request was asked for this task, data, program and input: an answer shown after
 * another program was chosen or the input edited is not the answer to what is on screen.
 */
export function isAskedFor(
  asked: KeptTry,
  target: TryTarget | null,
  values: Record<string, string>,
): boolean {
  const now = target ? tryToKeep(target, values, null) : null;
  return now !== null && sameAsked(asked, now);
}
